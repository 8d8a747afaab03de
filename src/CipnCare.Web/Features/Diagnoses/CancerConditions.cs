using System.Security.Claims;
using System.Text.RegularExpressions;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.CareTeams;
using CipnCare.Web.Features.Outcomes;
using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.Diagnoses;

/// <summary>A cancer diagnosis to record (<see cref="CancerCondition"/>); statuses default to active and confirmed.</summary>
public sealed record NewCancerCondition(
    string? CodeSystem,
    string? Code,
    string? Text,
    string? ClinicalStatus,
    string? VerificationStatus,
    DateOnly? OnsetDate,
    string? BodySite)
{
    /// <summary>The sending system's identifiers for the diagnosis (FHIR <c>Condition.identifier</c>).</summary>
    public IReadOnlyList<IdentifierValue> Identifiers { get; init; } = [];
}

/// <summary>A recorded diagnosis, and whether it had been recorded before (sent again with the same identifier).</summary>
public sealed record RecordedCondition(CancerCondition Condition, bool AlreadyRecorded);

/// <summary>
/// Records cancer diagnoses (the care team's clinicians) and reads them (whoever may see the patient). A patient
/// registered without a diagnosis in words (an EHR sends it as a Condition) takes the first recorded one's words.
/// </summary>
public sealed partial class CancerConditions(CipnDbContext db, PatientAccess access, AuditLog audit, TimeProvider clock, LocalTimes times)
{
    public const string Action = "record cancer diagnosis";

    /// <summary>SNOMED CT (http://snomed.info/sct).</summary>
    public const string Snomed = "http://snomed.info/sct";

    /// <summary>ICD-10-CM (http://hl7.org/fhir/sid/icd-10-cm).</summary>
    public const string Icd10Cm = "http://hl7.org/fhir/sid/icd-10-cm";

    public const int CodeMaxLength = 20;

    /// <summary>FHIR R4 condition-clinical (http://terminology.hl7.org/CodeSystem/condition-clinical).</summary>
    public static readonly string[] ClinicalStatuses = ["active", "recurrence", "relapse", "inactive", "remission", "resolved"];

    /// <summary>FHIR R4 condition-ver-status (http://terminology.hl7.org/CodeSystem/condition-ver-status).</summary>
    public static readonly string[] VerificationStatuses = ["confirmed", "provisional", "differential", "unconfirmed", "refuted", "entered-in-error"];

    /// <summary>At most this many identifiers per diagnosis.</summary>
    public const int MaxIdentifiers = 10;

    /// <summary>
    /// Records a diagnosis. One sent again with an identifier already recorded for the same patient, saying the same, is
    /// not recorded twice: the answer is the recorded one (an EHR that retries, or sends its problem list again). Saying
    /// something else under a recorded identifier, or an identifier on another patient's diagnosis, is a conflict.
    /// </summary>
    public async Task<Outcome<RecordedCondition>> RecordAsync(ClaimsPrincipal user, Guid patientId, NewCancerCondition input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var opened = await access.OpenAsync(user, patientId, PatientAccessKind.Report, Action, cancellationToken);
        if (opened.Outcome != AccessOutcome.Allowed)
        {
            return opened.Refusal(OnlyClinicians);
        }

        if (!user.IsInRole(Roles.Clinician))
        {
            await audit.RecordAsync(user, Action, AuditOutcome.Denied, patientId, "only clinicians record diagnoses", cancellationToken: cancellationToken);
            return Outcome.Denied(OnlyClinicians);
        }

        var errors = Validate(input, (await times.ForPatientAsync(patientId, cancellationToken)).Today(clock));
        if (errors.Count > 0)
        {
            return await audit.RefuseInvalidAsync(user, Action, patientId, errors, cancellationToken);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var condition = new CancerCondition
        {
            Id = Guid.CreateVersion7(),
            PatientId = patientId,
            CodeSystem = input.CodeSystem!,
            Code = input.Code!.Trim(),
            Text = input.Text!.Trim(),
            ClinicalStatus = input.ClinicalStatus ?? "active",
            VerificationStatus = input.VerificationStatus ?? "confirmed",
            OnsetDate = input.OnsetDate,
            BodySite = string.IsNullOrWhiteSpace(input.BodySite) ? null : input.BodySite.Trim(),
            RecordedAt = now,
            RecordedBy = user.UserId(),
        };
        // Ids a millisecond apart: read back by id, the identifiers keep the order they were sent in.
        condition.Identifiers.AddRange(input.Identifiers.Select((i, n) => new ConditionIdentifier { Id = Guid.CreateVersion7(clock.GetUtcNow().AddMilliseconds(n)), ConditionId = condition.Id, System = i.System.Trim(), Value = i.Value.Trim() }));
        if (await AlreadyRecordedAsync(user, patientId, condition, cancellationToken) is { } known)
        {
            return known;
        }

        db.CancerConditions.Add(condition);

        // A confirmed diagnosis gives words to a patient registered without them (a new version of the registration);
        // a provisional, differential or refuted one never becomes "the" diagnosis.
        var patient = await db.Patients.FirstAsync(p => p.Id == patientId, cancellationToken);
        var newVersion = patient.Diagnosis.Length == 0 && condition.VerificationStatus == "confirmed";
        if (newVersion)
        {
            var identifiers = await db.PatientIdentifiers.Where(i => i.PatientId == patientId).OrderBy(i => i.Id).Select(i => new IdentifierValue(i.System, i.Value)).ToListAsync(cancellationToken);
            await PatientVersioning.KeepCurrentAsync(db, patient, identifiers, cancellationToken);
            patient.Diagnosis = condition.Text;
            PatientVersioning.Next(db, patient, identifiers, user.UserId(), now);
        }

        audit.Add(user, Action, AuditOutcome.Success, patientId, $"{condition.CodeSystem}|{condition.Code}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (newVersion || condition.Identifiers.Count > 0)
        {
            db.ChangeTracker.Clear();
            if (await AlreadyRecordedAsync(user, patientId, condition, cancellationToken) is { } sentTwice)
            {
                return sentTwice; // the same diagnosis sent twice at the same moment: the other one was stored
            }

            if (!newVersion)
            {
                throw;
            }

            // The registration changed at the same moment (the same next version): nothing was stored; send it again.
            await audit.RecordAsync(user, Action, AuditOutcome.Invalid, patientId, "registration changed at the same moment", cancellationToken: cancellationToken);
            return Outcome.Stale("The patient's registration changed at the same moment; nothing was stored. Send the diagnosis again.");
        }

        return Outcome.Ok(new RecordedCondition(condition, AlreadyRecorded: false));
    }

    /// <summary>
    /// The answer when one of the identifiers of the diagnosis as it would be recorded (<paramref name="sent"/>) is already
    /// recorded: the recorded diagnosis when it says the same (sent again; audited), a conflict when it says something else
    /// (conditions are not changed here: a correction comes as a new Condition with its own identifier), when it is another
    /// patient's, or when the identifiers name different diagnoses. Null when none is recorded.
    /// </summary>
    private async Task<Outcome<RecordedCondition>?> AlreadyRecordedAsync(ClaimsPrincipal user, Guid patientId, CancerCondition sent, CancellationToken cancellationToken)
    {
        var identifiers = sent.Identifiers;
        if (identifiers.Count == 0)
        {
            return null;
        }

        var values = identifiers.Select(i => i.Value).ToList();
        var candidates = await db.ConditionIdentifiers.AsNoTracking().Where(i => values.Contains(i.Value))
            .Join(db.CancerConditions, i => i.ConditionId, c => c.Id, (i, c) => new { i.System, i.Value, c.Id, c.PatientId })
            .ToListAsync(cancellationToken);
        var matches = candidates.Where(k => identifiers.Any(i => i.System == k.System && i.Value == k.Value)).OrderBy(k => k.System, StringComparer.Ordinal).ThenBy(k => k.Value, StringComparer.Ordinal).ToList();
        if (matches.Count == 0)
        {
            return null;
        }

        async Task<Failure> RefuseAsync(string why, string message)
        {
            await audit.RecordAsync(user, Action, AuditOutcome.Invalid, patientId, why, cancellationToken: cancellationToken);
            return Outcome.Conflict("identifier", message);
        }

        var first = matches[0];
        if (matches.FirstOrDefault(m => m.PatientId != patientId) is { } elsewhere)
        {
            return await RefuseAsync($"identifier {elsewhere.System}|{elsewhere.Value} is another patient's diagnosis",
                $"The identifier {elsewhere.System}|{elsewhere.Value} is already on another patient's diagnosis: check the patient the Condition is for.");
        }

        if (matches.Select(m => m.Id).Distinct().Count() > 1)
        {
            return await RefuseAsync("identifiers name different diagnoses", "These identifiers are already on different recorded diagnoses of this patient: send one Condition for each.");
        }

        var recorded = await Including(db.CancerConditions.AsNoTracking()).FirstAsync(c => c.Id == first.Id, cancellationToken);
        if (!SaysTheSame(recorded, sent))
        {
            return await RefuseAsync($"identifier {first.System}|{first.Value} recorded as {recorded.Id} with other content",
                $"A diagnosis with the identifier {first.System}|{first.Value} is already recorded (Condition/{recorded.Id}) and says something else. Diagnoses are not changed here: send a correction as a new Condition with its own identifier.");
        }

        await audit.RecordAsync(user, Action, AuditOutcome.Success, patientId, $"sent again: already recorded as {recorded.Id} ({first.System}|{first.Value})", cancellationToken: cancellationToken);
        return Outcome.Ok(new RecordedCondition(recorded, AlreadyRecorded: true));
    }

    /// <summary>Whether a diagnosis sent again says what the recorded one says (its identifiers may be fewer).</summary>
    private static bool SaysTheSame(CancerCondition recorded, CancerCondition sent) =>
        recorded.CodeSystem == sent.CodeSystem && recorded.Code == sent.Code && recorded.Text == sent.Text
        && recorded.ClinicalStatus == sent.ClinicalStatus && recorded.VerificationStatus == sent.VerificationStatus
        && recorded.OnsetDate == sent.OnsetDate && recorded.BodySite == sent.BodySite
        && sent.Identifiers.All(i => recorded.Identifiers.Any(r => r.System == i.System && r.Value == i.Value));

    private static IQueryable<CancerCondition> Including(IQueryable<CancerCondition> conditions) => conditions.Include(c => c.Identifiers.OrderBy(i => i.Id));

    /// <summary>The patient's recorded diagnoses, oldest first (access is checked by the caller).</summary>
    public async Task<List<CancerCondition>> ForPatientAsync(Guid patientId, CancellationToken cancellationToken) =>
        (await ForPatientsAsync([patientId], cancellationToken))[patientId].ToList();

    /// <summary>Several patients' diagnoses in one read, each patient's oldest first.</summary>
    public async Task<ILookup<Guid, CancerCondition>> ForPatientsAsync(IReadOnlyCollection<Guid> patientIds, CancellationToken cancellationToken) =>
        (await Including(db.CancerConditions.AsNoTracking()).Where(c => patientIds.Contains(c.PatientId)).OrderBy(c => c.RecordedAt).AsSplitQuery().ToListAsync(cancellationToken)).ToLookup(c => c.PatientId);

    /// <summary>One diagnosis, when the caller may see its patient (the opening is audited).</summary>
    public async Task<(AccessOutcome Outcome, CancerCondition? Condition)> ReadAsync(ClaimsPrincipal user, Guid id, string action, CancellationToken cancellationToken)
    {
        var condition = await Including(db.CancerConditions.AsNoTracking()).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (condition is null)
        {
            return (AccessOutcome.NotFound, null);
        }

        var opened = await access.OpenAsync(user, condition.PatientId, PatientAccessKind.View, action, cancellationToken);
        return (opened.Outcome, opened.Outcome == AccessOutcome.Allowed ? condition : null);
    }

    public static Dictionary<string, string> Validate(NewCancerCondition c, DateOnly today)
    {
        var errors = new Dictionary<string, string>();
        var code = c.Code?.Trim() ?? "";
        switch (c.CodeSystem)
        {
            case Snomed when !SnomedId().IsMatch(code):
                errors["code"] = "A SNOMED CT code is a concept id of 6 to 18 digits.";
                break;
            case Icd10Cm when !Icd10CmNeoplasm().IsMatch(code):
                errors["code"] = "Give an ICD-10-CM code from the neoplasms chapter (C00–D49), for example C18.7.";
                break;
            case Snomed or Icd10Cm:
                break;
            default:
                errors["code"] = $"Code the diagnosis in SNOMED CT ({Snomed}) or ICD-10-CM ({Icd10Cm}).";
                break;
        }

        if (string.IsNullOrWhiteSpace(c.Text))
        {
            errors["text"] = "Give the diagnosis in words (code.text or the coding's display).";
        }
        else if (c.Text.Trim().Length > PatientConfiguration.DiagnosisMaxLength)
        {
            errors["text"] = $"The diagnosis in words must be {PatientConfiguration.DiagnosisMaxLength} characters or fewer.";
        }

        if (c.ClinicalStatus is { } clinical && !ClinicalStatuses.Contains(clinical))
        {
            errors["clinicalStatus"] = $"Unknown clinical status '{clinical}': use {string.Join(", ", ClinicalStatuses)}.";
        }

        if (c.VerificationStatus is { } verification && !VerificationStatuses.Contains(verification))
        {
            errors["verificationStatus"] = $"Unknown verification status '{verification}': use {string.Join(", ", VerificationStatuses)}.";
        }

        if (c.OnsetDate is { } onset && (onset > today || onset < new DateOnly(1900, 1, 1)))
        {
            errors["onset"] = "The onset date must be a date from 1900 up to today.";
        }

        if (c.BodySite?.Trim().Length > PatientConfiguration.DiagnosisMaxLength)
        {
            errors["bodySite"] = $"The body site must be {PatientConfiguration.DiagnosisMaxLength} characters or fewer.";
        }

        if (c.Identifiers.Count > MaxIdentifiers)
        {
            errors["identifier"] = $"Send at most {MaxIdentifiers} identifiers.";
        }
        else if (c.Identifiers.FirstOrDefault(i => !IdentifierSystem.IsValid(i.System)) is { } system)
        {
            errors["identifier"] = $"Each identifier needs its system as an absolute URI without spaces, of up to {PatientIdentifierConfiguration.SystemMaxLength} characters ('{system.System}' is not).";
        }
        else if (c.Identifiers.Any(i => string.IsNullOrWhiteSpace(i.Value) || i.Value.Trim().Length > PatientIdentifierConfiguration.ValueMaxLength))
        {
            errors["identifier"] = $"Each identifier needs a value of up to {PatientIdentifierConfiguration.ValueMaxLength} characters.";
        }
        else if (c.Identifiers.DistinctBy(i => (i.System.Trim(), i.Value.Trim())).Count() != c.Identifiers.Count)
        {
            errors["identifier"] = "The same identifier is sent twice.";
        }

        return errors;
    }

    private const string OnlyClinicians = "Only the patient's care-team clinicians record diagnoses.";

    [GeneratedRegex("^[0-9]{6,18}$")]
    private static partial Regex SnomedId();

    // ICD-10-CM chapter 2, Neoplasms: C00–D49 (a category of three characters, then an optional dot and up to four more).
    [GeneratedRegex("^(C[0-9][0-9A-Z]|D[0-4][0-9])(\\.[0-9A-Z]{1,4})?$")]
    private static partial Regex Icd10CmNeoplasm();
}
