namespace CipnCare.Web.Features.Smart;

/// <summary>Whose data a SMART scope reaches: the launch patient's, what the signed-in user may see, or a backend client's.</summary>
public enum ScopeContext
{
    Patient,
    User,
    System,
}

/// <summary>
/// One SMART clinical scope (App Launch 2.0, https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html):
/// <c>patient/Observation.rs</c> is (Patient, "Observation", {r, s}). Version 1 suffixes are read as their v2 letters
/// (<c>.read</c> = rs, <c>.write</c> = cud, <c>.*</c> = cruds).
/// </summary>
public sealed record SmartScope(ScopeContext Context, string ResourceType, string Permissions)
{
    public bool Allows(string resourceType, char permission) =>
        (ResourceType == "*" || ResourceType == resourceType) && Permissions.Contains(permission, StringComparison.Ordinal);

    public override string ToString() => $"{Context.ToString().ToLowerInvariant()}/{ResourceType}.{Permissions}";
}

/// <summary>
/// Parses and checks SMART scopes. A scope grants only within what <see cref="Patients.PatientAccess"/> already allows the
/// person: it narrows, never widens. Scopes with a query (<c>patient/Observation.rs?category=…</c>) are not granted: their
/// narrowing is not enforced here, so granting them would give more than asked.
/// </summary>
public static class SmartScopes
{
    public const string OpenId = "openid";
    public const string FhirUser = "fhirUser";
    public const string OfflineAccess = "offline_access";
    public const string Launch = "launch";
    public const string LaunchPatient = "launch/patient";

    /// <summary>The permission letters in SMART's order: create, read, update, delete, search.</summary>
    private const string Order = "cruds";

    /// <summary>The resource types the FHIR endpoint serves, the only ones a scope may name.</summary>
    public static readonly IReadOnlySet<string> ResourceTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "Patient", "Condition", "Observation", "QuestionnaireResponse", "Questionnaire", "MedicationAdministration",
        "DetectedIssue", "Flag", "Encounter", "Goal", "CarePlan", "ServiceRequest", "MedicationStatement", "Group", "Communication",
    };

    /// <summary>Types outside the patient compartment: a <c>patient/</c> scope lets the app read them (they hold no patient's data).</summary>
    public static readonly IReadOnlySet<string> SharedTypes = new HashSet<string>(StringComparer.Ordinal) { "Questionnaire" };

    /// <summary>The non-clinical scopes this server grants.</summary>
    public static readonly IReadOnlyList<string> Identity = [OpenId, FhirUser, OfflineAccess, Launch, LaunchPatient];

    public static SmartScope? Parse(string scope)
    {
        var slash = scope.IndexOf('/', StringComparison.Ordinal);
        var dot = scope.LastIndexOf('.');
        if (slash <= 0 || dot <= slash + 1 || scope.Contains('?', StringComparison.Ordinal))
        {
            return null;
        }

        ScopeContext? context = scope[..slash] switch
        {
            "patient" => ScopeContext.Patient,
            "user" => ScopeContext.User,
            "system" => ScopeContext.System,
            _ => null,
        };
        var type = scope[(slash + 1)..dot];
        var permissions = scope[(dot + 1)..] switch
        {
            "read" => "rs",
            "write" => "cud",
            "*" => Order,
            var v2 => IsOrdered(v2) ? v2 : null,
        };
        if (context is null || permissions is null || (type != "*" && !ResourceTypes.Contains(type)))
        {
            return null;
        }

        return new SmartScope(context.Value, type, permissions);
    }

    /// <summary>The clinical scopes among <paramref name="scopes"/> that this server understands.</summary>
    public static List<SmartScope> Clinical(IEnumerable<string> scopes) => scopes.Select(Parse).OfType<SmartScope>().ToList();

    /// <summary>
    /// What a client asked for that may be granted: the identity scopes we know, and the clinical ones in the contexts the
    /// client is allowed (<c>system/</c> only for backend clients, never in a launch).
    /// </summary>
    public static List<string> Grantable(IEnumerable<string> requested, bool backend) => requested
        .Distinct(StringComparer.Ordinal)
        .Where(s => backend
            ? Parse(s) is { Context: ScopeContext.System }
            : Identity.Contains(s) || Parse(s) is { Context: ScopeContext.Patient or ScopeContext.User })
        .ToList();

    /// <summary>
    /// The context in which <paramref name="scopes"/> allow <paramref name="permissions"/> on <paramref name="resourceType"/>:
    /// user (or system) when a scope of that kind allows it — the person's own access applies — else patient (the launch
    /// patient only), else null: not allowed.
    /// </summary>
    public static ScopeContext? Deciding(IReadOnlyList<SmartScope> scopes, string resourceType, string permissions)
    {
        bool AllowedIn(ScopeContext context) => permissions.All(p => scopes.Any(s => s.Context == context && s.Allows(resourceType, p)));
        return AllowedIn(ScopeContext.System) ? ScopeContext.System
            : AllowedIn(ScopeContext.User) ? ScopeContext.User
            : AllowedIn(ScopeContext.Patient) ? ScopeContext.Patient
            : null;
    }

    /// <summary>The scope in plain words, for the consent screen.</summary>
    public static string Describe(string scope) => scope switch
    {
        OpenId => "Know who you are in CIPN Care",
        FhirUser => "See your name and whether you use CIPN Care as a patient, carer or clinician",
        OfflineAccess => "Stay connected after you close it, until you or your team disconnect it",
        Launch or LaunchPatient => "Know which patient's record it was opened for",
        _ when Parse(scope) is { } parsed => DescribeClinical(parsed),
        _ => scope,
    };

    private static string DescribeClinical(SmartScope scope)
    {
        var what = scope.ResourceType == "*" ? "all the health information" : TypeWords(scope.ResourceType);
        var actions = new List<string>();
        if (scope.Permissions.Contains('r', StringComparison.Ordinal) || scope.Permissions.Contains('s', StringComparison.Ordinal))
        {
            actions.Add("read");
        }

        if (scope.Permissions.Contains('c', StringComparison.Ordinal))
        {
            actions.Add("add to");
        }

        if (scope.Permissions.Contains('u', StringComparison.Ordinal))
        {
            actions.Add("change");
        }

        if (scope.Permissions.Contains('d', StringComparison.Ordinal))
        {
            actions.Add("delete");
        }

        var whose = scope.Context switch
        {
            ScopeContext.Patient => "of the selected patient",
            ScopeContext.User => "you may see in CIPN Care",
            ScopeContext.System => "of the care team it is registered for",
        };
        var verbs = string.Join(", ", actions);
        return $"{char.ToUpperInvariant(verbs[0])}{verbs[1..]} {what} {whose}";
    }

    private static string TypeWords(string type) => type switch
    {
        "Patient" => "the personal details",
        "Condition" => "the cancer diagnosis",
        "Observation" => "the check-in scores, measurements and exam findings",
        "QuestionnaireResponse" => "the answered check-ins and questionnaires",
        "Questionnaire" => "the questionnaires",
        "MedicationAdministration" => "the chemotherapy doses",
        "DetectedIssue" => "the dose warnings",
        "Flag" => "the alerts",
        "Encounter" => "the clinic examinations",
        "Goal" => "the goals",
        "CarePlan" => "the care plan",
        "ServiceRequest" => "the referrals and tests",
        "MedicationStatement" => "the treatments being tried",
        _ => type,
    };

    private static bool IsOrdered(string letters)
    {
        var last = -1;
        foreach (var letter in letters)
        {
            var at = Order.IndexOf(letter, StringComparison.Ordinal);
            if (at <= last)
            {
                return false;
            }

            last = at;
        }

        return letters.Length > 0;
    }
}
