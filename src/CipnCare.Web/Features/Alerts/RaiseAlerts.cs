using System.Globalization;
using System.Linq.Expressions;
using CipnCare.Clinical;
using CipnCare.Clinical.Alerts;
using CipnCare.Clinical.Instruments;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Alerts.Triage;
using CipnCare.Web.Features.CareTeams;
using CipnCare.Web.Features.CheckIns;
using CipnCare.Web.Features.Instruments;
using CipnCare.Web.Features.Notifications;
using CipnCare.Web.Features.Operations;
using CipnCare.Web.Features.Patients;
using LinqKit;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.Alerts;

/// <summary>
/// Runs the alert rules on a newly submitted response to any instrument, inside the submission's unit of work: the
/// free text is triaged (rules and semantic layer), the items its instrument watches are compared with the previous
/// response and the baseline to the same instrument, new alerts (conditions not already open) are added, urgent ones
/// are emailed to the team's on-call address through the outbox, and the response is stamped with the patient's next
/// step. Nothing here saves; the submission commits it all at once.
/// </summary>
public sealed class RaiseAlerts(CipnDbContext db, InstrumentLibrary library, Outbox outbox, TextTriage triage, CipnMetrics metrics, TimeProvider clock)
{
    public const string UrgentEmailKind = "urgent-alert";

    /// <summary>The rules run on <paramref name="response"/>; its <paramref name="patient"/> as read when their record was opened (no second read).</summary>
    public async Task<IReadOnlyList<Alert>> ForResponseAsync(Patient patient, InstrumentResponse response, LoadedInstrument instrument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(instrument);
        if (patient.Id != response.PatientId)
        {
            throw new ArgumentException("The response is another patient's.", nameof(patient));
        }

        var (team, onDoses, open) = await TeamFactsAsync(patient.Id, cancellationToken);
        var thresholds = ChangeTeamSettings.Thresholds(team);

        // Only what the rules compare with: the previous response, the first (baseline) and, when a rapid rise is possible
        // at all, the one of the rapid-rise window it would be measured from, so a submission costs the same after 5
        // check-ins or 500 (issue #17).
        var definitions = new Dictionary<Guid, InstrumentDefinition> { [instrument.Row.Id] = instrument.Definition };
        var latest = ToFacts(response, instrument.Definition);
        var url = instrument.Row.Url;
        var ends = await EndsQuery.For(db)(db, response.PatientId, url, response.Id, response.AuthoredAt).ToListAsync(cancellationToken);
        var previous = ends.OrderByDescending(r => r.AuthoredAt).ThenByDescending(r => r.Id).FirstOrDefault();
        var baseline = ends.OrderBy(r => r.AuthoredAt).ThenBy(r => r.Id).FirstOrDefault();
        var from = !AlertRules.RapidRiseIsPossible(latest, thresholds) ? null
            : await RapidRiseFromQuery.For(db)(db, response.PatientId, url, response.Id, response.AuthoredAt,
                response.AuthoredAt.AddDays(-thresholds.RapidRiseWindowDays), latest.SensoryGrade, latest.MotorGrade, cancellationToken);
        GradesAt[] window = from is null ? [] : [new GradesAt(from.AuthoredAt, (int)from.Sensory, (int)from.Motor)];
        foreach (var id in ends.Select(r => r.InstrumentId).Distinct().Where(id => !definitions.ContainsKey(id)))
        {
            definitions[id] = await library.DefinitionAsync(id, cancellationToken);
        }

        CheckInFacts Facts(InstrumentResponse r) => ToFacts(r, definitions[r.InstrumentId]);
        var input = new AlertInput(
            latest,
            previous is null ? null : Facts(previous),
            baseline is null ? null : Facts(baseline),
            window,
            patient.TreatmentStatus == TreatmentStatus.OnTreatment,
            onDoses,
            thresholds,
            instrument.Definition.Scoring.WatchedItems,
            triage.Assess(latest.Notes),
            TeamZone.FindOrUtc(team.TimeZone),
            response.Language);
        var alerts = AlertRules.Evaluate(input);
        response.NextStep = AlertRules.NextStep(alerts);

        OpenNew(patient.Id, team, open, alerts, response.Id);
        return alerts;
    }

    /// <summary>
    /// A patient's responses to any version of an instrument (by its URL) before a response, the response itself left
    /// out: what the rules compare it with. Written once for the two reads below.
    /// </summary>
    private static readonly Expression<Func<CipnDbContext, Guid, string, Guid, DateTime, IQueryable<InstrumentResponse>>> Earlier =
        (db, patientId, url, responseId, authoredAt) => db.InstrumentResponses.Where(r => r.PatientId == patientId
            && db.Instruments.Where(i => i.Url == url).Select(i => i.Id).Contains(r.InstrumentId) && r.Id != responseId && r.AuthoredAt <= authoredAt);

    /// <summary>
    /// The previous (newest) and the baseline (first) earlier response in one round trip, with their scores: the two ends,
    /// chosen in SQL by key, then told apart in memory in the same order (at most two rows; one when there is a single
    /// earlier response). Ids of equal dates compare in memory as both databases order them: .NET compares a Guid field by
    /// field, unsigned, which is the order of its text (SQLite) and of its bytes (PostgreSQL's uuid).
    /// </summary>
    private static readonly CompiledQuery<Func<CipnDbContext, Guid, string, Guid, DateTime, IAsyncEnumerable<InstrumentResponse>>> EndsQuery = new(() =>
    {
        Expression<Func<CipnDbContext, Guid, string, Guid, DateTime, IQueryable<InstrumentResponse>>> query = (db, patientId, url, responseId, authoredAt) =>
            db.InstrumentResponses.AsNoTracking().Include(r => r.Scores)
                .Where(r => r.Id == Earlier.Invoke(db, patientId, url, responseId, authoredAt).OrderByDescending(e => e.AuthoredAt).ThenByDescending(e => e.Id).Select(e => (Guid?)e.Id).FirstOrDefault()
                    || r.Id == Earlier.Invoke(db, patientId, url, responseId, authoredAt).OrderBy(e => e.AuthoredAt).ThenBy(e => e.Id).Select(e => (Guid?)e.Id).FirstOrDefault());
        return EF.CompileAsyncQuery(query.Expand());
    });

    /// <summary>
    /// Of the rapid-rise window, only the check-in the rule measures from (AlertRules.RapidRiseFrom: the one either grade
    /// rose most from, the newest of equals), chosen here in the same order. Reading each of the window's check-ins whole
    /// and parsing its answers cost most of a submission when a patient had many in the window, then reading each one's
    /// two grades most of what was left in the database (issue #17); the read is skipped when no rise is possible
    /// (AlertRules.RapidRiseIsPossible). Each row's grades are kept on it; a row without them (written by an instance of
    /// the release before, still serving during an upgrade) is read from its scores, as before: never as grade 0. Grades
    /// are whole numbers (CTCAE grades), so comparing them as stored compares them as the rule does.
    /// </summary>
    private static readonly CompiledQuery<Func<CipnDbContext, Guid, string, Guid, DateTime, DateTime, int, int, CancellationToken, Task<WindowCheckIn?>>> RapidRiseFromQuery = new(() =>
    {
        Expression<Func<CipnDbContext, Guid, string, Guid, DateTime, DateTime, int, int, CancellationToken, WindowCheckIn?>> query =
            (db, patientId, url, responseId, authoredAt, windowStart, sensory, motor, _) =>
                Earlier.Invoke(db, patientId, url, responseId, authoredAt).Where(r => r.AuthoredAt >= windowStart && r.AuthoredAt < authoredAt)
                    .Select(r => new
                    {
                        r.Id,
                        r.AuthoredAt,
                        Sensory = (r.SensoryGrade != null ? r.SensoryGrade : r.Scores.Where(s => s.Code == CheckInSummary.SensoryGradeCode).Select(s => (double?)s.Value).FirstOrDefault()) ?? 0,
                        Motor = (r.MotorGrade != null ? r.MotorGrade : r.Scores.Where(s => s.Code == CheckInSummary.MotorGradeCode).Select(s => (double?)s.Value).FirstOrDefault()) ?? 0,
                    })
                    .OrderByDescending(r => sensory - r.Sensory > motor - r.Motor ? sensory - r.Sensory : motor - r.Motor).ThenByDescending(r => r.AuthoredAt).ThenByDescending(r => r.Id)
                    .Select(r => new WindowCheckIn(r.AuthoredAt, r.Sensory, r.Motor))
                    .FirstOrDefault();
        return EF.CompileAsyncQuery(query.Expand());
    });

    private sealed record WindowCheckIn(DateTime AuthoredAt, double Sensory, double Motor);

    /// <summary>The patient's team, whether any dose is on record, and the conditions of their open alerts.</summary>
    private sealed record TeamFacts(List<CareTeam> Team, bool OnDoses, List<string> Open);

    /// <summary>
    /// <see cref="TeamFacts"/> in one read (issue #17), from the patient's row so that each part joins by key (SQLite has no
    /// lateral join).
    /// </summary>
    private static readonly CompiledQuery<Func<CipnDbContext, Guid, CancellationToken, Task<TeamFacts>>> TeamFactsQuery = new(() =>
        EF.CompileAsyncQuery((CipnDbContext db, Guid patientId, CancellationToken _) => db.Patients.AsNoTracking().Where(p => p.Id == patientId)
            .Select(p => new TeamFacts(
                db.CareTeams.Where(t => t.Id == p.CareTeamId).ToList(),
                db.DoseAdministrations.Any(a => a.PatientId == p.Id && a.SupersededAt == null),
                db.Alerts.Where(a => a.PatientId == p.Id && a.Status != AlertStatus.Resolved).Select(a => a.ConditionKey).ToList()))
            .First()));

    private static string? FreeText(InstrumentDefinition definition, Dictionary<string, Answer> answers)
    {
        var texts = definition.Items.Where(i => i.Type == ItemType.Text && answers.ContainsKey(i.LinkId))
            .Select(i => answers[i.LinkId].Text).Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        return texts.Count == 0 ? null : string.Join("\n", texts);
    }

    /// <summary>Raises one alert found outside a check-in (the assessment's consider-another-cause check) unless its condition is already open.</summary>
    public async Task RaiseAsync(Guid patientId, Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var (team, _, open) = await TeamFactsAsync(patientId, cancellationToken);
        OpenNew(patientId, team, open, [alert], null);
    }

    private async Task<(CareTeam Team, bool OnDoses, List<string> OpenConditions)> TeamFactsAsync(Guid patientId, CancellationToken cancellationToken)
    {
        var facts = await TeamFactsQuery.For(db)(db, patientId, cancellationToken);
        return (facts.Team.Single(), facts.OnDoses, facts.Open);
    }

    private void OpenNew(Guid patientId, CareTeam team, List<string> open, IReadOnlyList<Alert> alerts, Guid? sourceResponseId)
    {
        var fresh = AlertRules.NotAlreadyOpen(alerts, open);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var alert in fresh)
        {
            db.Alerts.Add(AlertRecord.Open(alert, patientId, team.Id, now, sourceResponseId));
            metrics.AlertRaised(alert.Severity.ToString());
            if (alert.Severity == AlertSeverity.Urgent && team.OnCallEmail is { Length: > 0 } onCall)
            {
                // No patient details in email: the alert's title and a link to the worklist.
                outbox.Enqueue(UrgentEmailKind, onCall, $"URGENT CIPN Care alert: {alert.Title}",
                    $"An urgent alert was raised for a patient of {team.Name} at {now.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC: {alert.Title}.\n\nOpen the CIPN Care worklist to see the patient and the evidence: /worklist\n\nThis mailbox is not read.");
            }
        }
    }

    /// <summary>
    /// The facts the rules read from a stored response: grades and subscales from its scores, item scores from its
    /// answers, and every free-text answer (one paragraph each) as the notes triage reads.
    /// </summary>
    public static CheckInFacts ToFacts(InstrumentResponse response, InstrumentDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(definition);
        var answers = AnswerInput.FromText(definition, System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(response.AnswersJson) ?? []).Answers;
        var items = definition.Items.Where(i => answers.ContainsKey(i.LinkId))
            .Select(i => (i.LinkId, Score: ResponseRules.ScoreOf(i, answers[i.LinkId])))
            .Where(x => x.Score is not null).ToDictionary(x => x.LinkId, x => x.Score!.Value);
        double? Score(string code) => response.Scores.FirstOrDefault(s => s.Code == code)?.Value;
        return new CheckInFacts(response.AuthoredAt, (int)(Score(CheckInSummary.SensoryGradeCode) ?? 0), (int)(Score(CheckInSummary.MotorGradeCode) ?? 0),
            Score(CheckInSummary.MotorCode), Score(CheckInSummary.AutonomicCode), items, FreeText(definition, answers));
    }
}
