using System.Security.Claims;
using System.Text.RegularExpressions;
using CipnCare.Clinical;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.CareTeams;
using CipnCare.Web.Features.Outcomes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.Patients;

/// <summary>
/// Registers a patient under a care team (and optionally their login), all or nothing. Clinicians may add
/// patients only to their own teams; without a team given, the caller's only team is used.
/// </summary>
public sealed partial class CreatePatient(CipnDbContext db, UserManager<AppUser> users, PatientAccess access, AuditLog audit, TimeProvider clock, LocalTimes times)
{
    public const string Action = "create patient";

    public async Task<Outcome<Patient>> HandleAsync(ClaimsPrincipal user, NewPatient input, CancellationToken cancellationToken)
    {
        var teamErrors = new Dictionary<string, string>();
        var teamId = await ResolveTeamAsync(user, input.CareTeamId, teamErrors, cancellationToken);
        var zone = teamId.Id is { } team ? await times.ForTeamAsync(team, cancellationToken) : TeamZone.Utc;
        var errors = Validate(input, zone.Today(clock)); // a birth date "in the future" on the team's calendar
        foreach (var (field, message) in teamErrors)
        {
            errors[field] = message;
        }

        if (teamId.Denied)
        {
            await audit.RecordAsync(user, Action, AuditOutcome.Denied, detail: "care team not permitted", cancellationToken: cancellationToken);
            return Outcome.Denied("You may add patients only to your own care teams.");
        }

        var mrn = input.Mrn?.Trim();
        var identifiers = Distinct(input.OtherIdentifiers);
        if (errors.Count == 0 && await DuplicateAsync(db, null, mrn!, Blank(input.MrnSystem), identifiers, cancellationToken) is { } duplicate)
        {
            await audit.RecordAsync(user, Action, AuditOutcome.Invalid, detail: "duplicate identifier", cancellationToken: cancellationToken);
            return duplicate;
        }

        AppUser? login = null;
        if (errors.Count == 0 && input.LoginPassword is { Length: > 0 } password)
        {
            login = new AppUser { UserName = input.Email!.Trim(), Email = input.Email.Trim(), EmailConfirmed = true, DisplayName = $"{input.GivenName!.Trim()} {input.FamilyName!.Trim()}" };
            if (await users.FindByEmailAsync(login.Email) is not null)
            {
                return Outcome.Conflict("email", $"{login.Email} already has a login.");
            }

            if (await PasswordRules.ProblemsAsync(users, login, password) is { } problems)
            {
                errors["loginPassword"] = problems;
            }
        }

        if (errors.Count > 0)
        {
            return await audit.RefuseInvalidAsync(user, Action, null, errors, cancellationToken);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var patient = new Patient { Id = Guid.CreateVersion7(), CreatedAt = now, UpdatedAt = now };
        Apply(patient, input with { CareTeamId = teamId.Id });

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (login is not null)
        {
            var created = await users.CreateAsync(login, input.LoginPassword!);
            var role = created.Succeeded ? await users.AddToRoleAsync(login, Roles.Patient) : created;
            if (!role.Succeeded)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                errors["email"] = string.Join(" ", role.Errors.Select(e => e.Description));
                return Outcome.Invalid(errors);
            }

            patient.UserId = login.Id;
        }

        db.Patients.Add(patient);
        db.PatientIdentifiers.AddRange(identifiers.Select(i => new PatientIdentifier { Id = Guid.CreateVersion7(), PatientId = patient.Id, System = i.System, Value = i.Value }));
        db.PatientVersions.Add(PatientVersion.Of(patient, identifiers, user.UserId()));
        audit.Add(user, Action, AuditOutcome.Success, patient.Id, login is null ? null : "with patient login");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome.Ok(patient);
    }

    private async Task<(bool Denied, Guid? Id)> ResolveTeamAsync(ClaimsPrincipal user, Guid? requested, Dictionary<string, string> errors, CancellationToken cancellationToken)
    {
        var isAdmin = user.IsInRole(Roles.Admin);
        var ownTeams = await access.TeamIdsAsync(user, cancellationToken);
        if (requested is { } id)
        {
            if (!await db.CareTeams.AnyAsync(t => t.Id == id, cancellationToken))
            {
                errors["careTeamId"] = $"There is no care team {id}.";
                return (false, null);
            }

            return isAdmin || ownTeams.Contains(id) ? (false, id) : (true, null);
        }

        if (ownTeams.Count == 1)
        {
            return (false, ownTeams[0]);
        }

        errors["careTeamId"] = ownTeams.Count == 0
            ? "Choose the care team the patient is under."
            : "You are in more than one care team: choose the one the patient is under.";
        return (false, null);
    }

    public static Dictionary<string, string> Validate(NewPatient p, DateOnly today)
    {
        var errors = new Dictionary<string, string>();
        var mrn = p.Mrn?.Trim();
        if (string.IsNullOrEmpty(mrn))
        {
            errors["mrn"] = "The MRN (medical record number) is required.";
        }
        else if (mrn.Length > PatientConfiguration.MrnMaxLength || !MrnPattern().IsMatch(mrn))
        {
            errors["mrn"] = $"The MRN may use letters, digits and hyphens only, up to {PatientConfiguration.MrnMaxLength} characters.";
        }

        RequireText(errors, "givenName", "Given name", p.GivenName, PatientConfiguration.NameMaxLength);
        RequireText(errors, "familyName", "Family name", p.FamilyName, PatientConfiguration.NameMaxLength);
        if (!p.DiagnosisMayFollow || !string.IsNullOrWhiteSpace(p.Diagnosis))
        {
            RequireText(errors, "diagnosis", "Cancer diagnosis", p.Diagnosis, PatientConfiguration.DiagnosisMaxLength);
        }

        if (p.MrnSystem is { } mrnSystem && !IdentifierSystem.IsValid(mrnSystem))
        {
            errors["mrn"] = $"The MRN's system must be an absolute URI without spaces, of up to {PatientIdentifierConfiguration.SystemMaxLength} characters.";
        }

        if (p.OtherIdentifiers.FirstOrDefault(i => !IdentifierSystem.IsValid(i.System) || string.IsNullOrWhiteSpace(i.Value) || i.Value.Trim().Length > PatientIdentifierConfiguration.ValueMaxLength) is { } bad)
        {
            errors["identifier"] = $"Each identifier needs a system (an absolute URI without spaces, of up to {PatientIdentifierConfiguration.SystemMaxLength} characters) " +
                $"and a value of up to {PatientIdentifierConfiguration.ValueMaxLength} characters: '{bad.System}|{bad.Value}' has not.";
        }

        if (p.BirthDate is not { } birth)
        {
            errors["birthDate"] = "The birth date is required.";
        }
        else if (birth > today)
        {
            errors["birthDate"] = "The birth date cannot be in the future.";
        }
        else if (birth < new DateOnly(1900, 1, 1))
        {
            errors["birthDate"] = "The birth date must be in 1900 or later.";
        }

        if (p.Sex is not { } sex || !Enum.IsDefined(sex))
        {
            errors["sex"] = "Choose the patient's sex: female, male, other or unknown.";
        }

        if (p.TreatmentStatus is not { } status || !Enum.IsDefined(status))
        {
            errors["treatmentStatus"] = "Choose the treatment status.";
        }

        if (!string.IsNullOrWhiteSpace(p.Email) && !ContactDetails.IsEmail(p.Email))
        {
            errors["email"] = "The email address is not valid.";
        }

        if (!string.IsNullOrWhiteSpace(p.Phone) && !ContactDetails.IsPhone(p.Phone))
        {
            errors["phone"] = $"The phone number may use {ContactDetails.PhoneRule}.";
        }

        if (!string.IsNullOrEmpty(p.LoginPassword) && string.IsNullOrWhiteSpace(p.Email))
        {
            errors["email"] = "An email address is needed to create the patient's login.";
        }

        return errors;
    }

    /// <summary>
    /// The conflict when the MRN or another identifier already belongs to another patient; null when they are free.
    /// A system and value is one identity wherever it is kept (as a patient's MRN or among their other identifiers): the
    /// same one is the same person, so they are registered once. MRN values are also unique on their own, as staff
    /// see and search them without a system. <paramref name="self"/> is the patient being changed.
    /// </summary>
    public static async Task<Failure?> DuplicateAsync(CipnDbContext db, Guid? self, string mrn, string? mrnSystem, IReadOnlyList<IdentifierValue> others, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.Patients.AnyAsync(p => p.Mrn == mrn && p.Id != self, cancellationToken))
        {
            return Outcome.Conflict("mrn", $"A patient with MRN {mrn} is already registered.");
        }

        var identities = others.Prepend(mrnSystem is null ? null : new IdentifierValue(mrnSystem, mrn)).OfType<IdentifierValue>();
        foreach (var (system, value) in identities)
        {
            if (await db.PatientIdentifiers.AnyAsync(i => i.System == system && i.Value == value && i.PatientId != self, cancellationToken)
                || await db.Patients.AnyAsync(p => p.MrnSystem == system && p.Mrn == value && p.Id != self, cancellationToken))
            {
                return Outcome.Conflict("identifier", $"A patient with identifier {system}|{value} is already registered.");
            }
        }

        return null;
    }

    /// <summary>Copies validated registration fields onto the patient, trimmed (blank phone and email become none).</summary>
    public static void Apply(Patient patient, NewPatient input)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(input);
        patient.Mrn = input.Mrn!.Trim();
        patient.MrnSystem = Blank(input.MrnSystem);
        patient.GivenName = input.GivenName!.Trim();
        patient.FamilyName = input.FamilyName!.Trim();
        patient.BirthDate = input.BirthDate!.Value;
        patient.Sex = input.Sex!.Value;
        patient.Phone = Blank(input.Phone);
        patient.Email = Blank(input.Email);
        patient.Diagnosis = input.Diagnosis?.Trim() ?? "";
        patient.TreatmentStatus = input.TreatmentStatus!.Value;
        patient.CareTeamId = input.CareTeamId!.Value;
    }

    /// <summary>Each identifier once (an EHR may repeat one with another use or period).</summary>
    public static List<IdentifierValue> Distinct(IReadOnlyList<IdentifierValue> identifiers) =>
        identifiers.Select(i => new IdentifierValue(i.System.Trim(), i.Value.Trim())).Distinct().ToList();

    private static void RequireText(Dictionary<string, string> errors, string key, string label, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[key] = $"{label} is required.";
        }
        else if (value.Trim().Length > max)
        {
            errors[key] = $"{label} must be {max} characters or fewer.";
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[A-Za-z0-9-]+$")]
    private static partial Regex MrnPattern();
}
