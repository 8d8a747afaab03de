using System.Security.Claims;
using System.Text.Json;
using CipnCare.Clinical;
using CipnCare.Clinical.Alerts;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Outcomes;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.CareTeams;

/// <summary>
/// What a care team tells its patients, how its alerts fire and its clock (an IANA time zone; null keeps the current one).
/// The Spanish review hours and crisis line (issue #20) are optional: empty = Spanish pages show the English; null (left
/// out) keeps the stored Spanish, unless the English it translates changed — then it is cleared, so Spanish readers
/// never get hours or a number the team no longer gives.
/// </summary>
public sealed record TeamSettings(string? OnCallEmail, string? ReviewHours, string? EmergencyNumber, string? CrisisLine, AlertThresholds? Thresholds, string? TimeZone = null, int? ReplyWorkingDays = null,
    string? SpanishReviewHours = null, string? SpanishCrisisLine = null);

/// <summary>Admins set a care team's on-call address, review hours, emergency number, crisis line and alert thresholds.</summary>
public sealed class ChangeTeamSettings(CipnDbContext db, AuditLog audit)
{
    public const string Action = "change care-team settings";

    public static TeamSettings Read(CareTeam team)
    {
        ArgumentNullException.ThrowIfNull(team);
        return new(team.OnCallEmail, team.ReviewHours, team.EmergencyNumber, team.CrisisLine, Thresholds(team), team.TimeZone, team.ReplyWorkingDays,
            team.SpanishReviewHours, team.SpanishCrisisLine);
    }

    /// <summary>The team's alert thresholds, or the defaults.</summary>
    public static AlertThresholds Thresholds(CareTeam team)
    {
        ArgumentNullException.ThrowIfNull(team);
        return team.AlertThresholdsJson is { Length: > 0 } json ? JsonSerializer.Deserialize<AlertThresholds>(json) ?? AlertThresholds.Default : AlertThresholds.Default;
    }

    public async Task<Outcome<TeamSettings>> HandleAsync(ClaimsPrincipal user, Guid teamId, TeamSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var team = await db.CareTeams.FirstOrDefaultAsync(t => t.Id == teamId, cancellationToken);
        if (team is null)
        {
            return Outcome.NotFound("There is no such care team.");
        }

        var errors = new Dictionary<string, string>();
        var onCall = settings.OnCallEmail?.Trim();
        if (onCall is { Length: > 0 } && !ContactDetails.IsEmail(onCall))
        {
            errors["onCallEmail"] = "Enter the on-call email address, like oncall@example.org, or leave it empty for no email.";
        }

        void Text(string field, string? value, int max, string what)
        {
            if (string.IsNullOrWhiteSpace(value) || value.Trim().Length > max)
            {
                errors[field] = $"Enter {what} ({max} characters at most).";
            }
        }

        Text("reviewHours", settings.ReviewHours, 200, "when reports are read, as patients should read it (\"Monday to Friday, 8:00 to 18:00\")");
        Text("emergencyNumber", settings.EmergencyNumber, 40, "the emergency number patients should call (911, 112, 999…)");
        Text("crisisLine", settings.CrisisLine, 200, "the crisis line for thoughts of self-harm");
        void Optional(string field, string? value, int max, string what)
        {
            if (value?.Trim().Length > max)
            {
                errors[field] = $"Enter {what} ({max} characters at most), or leave it empty to show the English.";
            }
        }

        Optional("spanishReviewHours", settings.SpanishReviewHours, 200, "when reports are read in Spanish (\"De lunes a viernes, de 8:00 a 18:00\")");
        Optional("spanishCrisisLine", settings.SpanishCrisisLine, 200, "the crisis line in Spanish");
        var zone = settings.TimeZone is null ? null : TeamZone.Find(settings.TimeZone); // left out: the stored zone is kept
        if (settings.TimeZone is not null && zone is null)
        {
            errors["timeZone"] = "Enter the team's time zone by its IANA name, such as America/Los_Angeles, Europe/London or Asia/Tokyo.";
        }

        var t = settings.Thresholds ?? AlertThresholds.Default;
        if (settings.ReplyWorkingDays is { } replyDays && replyDays is < 1 or > CipnCare.Clinical.Messages.ReplyTargets.MaxWorkingDays)
        {
            errors["replyWorkingDays"] = $"The reply target must be 1 to {CipnCare.Clinical.Messages.ReplyTargets.MaxWorkingDays} working days.";
        }

        void Range(string field, int value, int min, int max, string what)
        {
            if (value < min || value > max)
            {
                errors[$"thresholds.{field}"] = $"{what} must be {min} to {max}.";
            }
        }

        Range("gradeAtLeast", t.GradeAtLeast, 1, 3, "The grade that alerts");
        Range("worseByGrades", t.WorseByGrades, 1, 3, "The worsening that alerts (grades)");
        Range("rapidRiseGrades", t.RapidRiseGrades, 1, 3, "The rapid rise (grades)");
        Range("rapidRiseWindowDays", t.RapidRiseWindowDays, 7, 90, "The rapid-rise window (days)");
        Range("painfulAtLeast", t.PainfulAtLeast, 1, 4, "The pain level that suggests treatment");
        Range("nearFaintingDizzinessAtLeast", t.NearFaintingDizzinessAtLeast, 1, 4, "The dizziness that means near-fainting");
        Range("missedCheckIns", t.MissedCheckIns, 1, 10, "Missed check-ins before reaching out");
        if (errors.Count > 0)
        {
            await audit.RecordAsync(user, Action, AuditOutcome.Invalid, detail: $"team {teamId}: {string.Join("; ", errors.Keys)}", cancellationToken: cancellationToken);
            return Outcome.Invalid(errors);
        }

        team.OnCallEmail = onCall is { Length: > 0 } ? onCall : null;
        var (reviewHours, crisisLine) = (settings.ReviewHours!.Trim(), settings.CrisisLine!.Trim());
        team.SpanishReviewHours = Spanish(settings.SpanishReviewHours, team.SpanishReviewHours, reviewHours != team.ReviewHours);
        team.SpanishCrisisLine = Spanish(settings.SpanishCrisisLine, team.SpanishCrisisLine, crisisLine != team.CrisisLine);
        team.ReviewHours = reviewHours;
        team.EmergencyNumber = settings.EmergencyNumber!.Trim();
        team.CrisisLine = crisisLine;
        team.TimeZone = zone?.Id ?? team.TimeZone; // kept as stored when left out, even one this server does not know
        team.ReplyWorkingDays = settings.ReplyWorkingDays ?? team.ReplyWorkingDays; // kept when left out
        team.AlertThresholdsJson = t == AlertThresholds.Default ? null : JsonSerializer.Serialize(t);
        audit.Add(user, Action, AuditOutcome.Success, detail: $"team {teamId} ({team.TimeZone})");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(Read(team));
    }

    /// <summary>
    /// The Spanish to keep: as given (empty = none). When its English changed and the Spanish did not — left out, or sent
    /// back as stored, as the settings page and a read-change-write API client do — it is cleared, so Spanish readers see
    /// the team's new English words rather than a crisis line or hours the team no longer uses.
    /// </summary>
    private static string? Spanish(string? given, string? stored, bool englishChanged)
    {
        var spanish = given?.Trim() is { Length: > 0 } trimmed ? trimmed : given is null ? stored : null;
        return englishChanged && spanish == stored ? null : spanish;
    }
}
