using System.Globalization;
using System.Text;
using CipnCare.Web.Components.Shared;
using CipnCare.Web.Features.Alerts;
using CipnCare.Web.Features.Assessments;
using CipnCare.Web.Features.CarePlans;
using CipnCare.Web.Features.CheckIns;
using CipnCare.Web.Features.Exposure;
using Microsoft.Extensions.Localization;

namespace CipnCare.Web.Features.Summaries;

/// <summary>What a visit summary is built from: the patient's own data, nothing else.</summary>
public sealed record VisitSummaryInput(
    string PatientName,
    DateOnly Today,
    IReadOnlyList<CheckInSummary> CheckIns,
    ExposureSummary? Exposure,
    AssessmentOverview Assessments,
    IReadOnlyList<AlertView> Alerts,
    CarePlanView Plan,
    bool OnTreatment);

/// <summary>The summary: plain-language sections for the patient and a concise note for the clinician.</summary>
public sealed record VisitSummary(
    DateOnly? Since,
    IReadOnlyList<string> WhatChanged,
    IReadOnlyList<string> Falls,
    IReadOnlyList<string> Trying,
    IReadOnlyList<string> Goals,
    IReadOnlyList<string> Questions,
    string ClinicianNote);

/// <summary>
/// Builds the visit summary from stored data only — every sentence is a template filled with recorded numbers, never
/// free-form invention. "Since your last visit" means since the latest clinic assessment, or the last 30 days without one.
/// The patient's sections are in the page's language (the page's localizer <c>L</c>, Spanish in VisitSummaryPage.es.resx);
/// the clinician's note stays in English.
/// </summary>
public static class VisitSummaryBuilder
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static VisitSummary Build(VisitSummaryInput input, IStringLocalizer<VisitSummaryPage> L, CarePlanWords plan)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(L);
        ArgumentNullException.ThrowIfNull(plan);
        var lastVisit = input.Assessments.Latest?.VisitDate;
        var since = lastVisit ?? input.Today.AddDays(-30);
        var sinceTime = since.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc);
        var newestFirst = input.CheckIns;
        var latest = newestFirst.Count > 0 ? newestFirst[0] : null;
        var before = newestFirst.FirstOrDefault(c => c.At <= sinceTime);
        var recent = newestFirst.Where(c => c.At > sinceTime).ToList();

        var changed = new List<string>();
        if (latest is null)
        {
            changed.Add(L["No check-ins yet. Your check-ins help your care team see how your nerves are doing between visits."]);
        }
        else if (before is null || ReferenceEquals(before, latest))
        {
            changed.Add(L["Your latest check-in ({0}): symptom score {1} out of 100 (higher means more symptoms).", Day(latest.At), Score(latest.SymptomScore)]);
        }
        else
        {
            changed.Add(L["Your symptom score went from {0} to {1} out of 100 (higher means more symptoms) between {2} and {3}.", Score(before.SymptomScore), Score(latest.SymptomScore), Day(before.At), Day(latest.At)]);
            changed.Add(latest.SensoryGrade == before.SensoryGrade ? L["How much numbness, tingling or pain affects your daily life is about the same."]
                : latest.SensoryGrade > before.SensoryGrade ? L["Numbness, tingling or pain now affects your daily life more than before."]
                : L["Numbness, tingling or pain now affects your daily life less than before."]);
            changed.Add(latest.MotorGrade == before.MotorGrade ? L["How much weakness or balance affects your daily life is about the same."]
                : latest.MotorGrade > before.MotorGrade ? L["Weakness or balance now affects your daily life more than before."]
                : L["Weakness or balance now affects your daily life less than before."]);
        }

        if (input.Assessments.Latest is { PreviousVisitDate: not null } exam)
        {
            var worse = exam.Changes.Count(c => c.Direction == Clinical.Assessment.FindingDirection.Worse);
            var better = exam.Changes.Count(c => c.Direction == Clinical.Assessment.FindingDirection.Better);
            var (on, previous) = (Dates.Birth(exam.VisitDate), Dates.Birth(exam.PreviousVisitDate.Value));
            changed.Add((better == 1, worse == 1) switch
            {
                (true, true) => L["At your clinic check on {0}, {1} measurement was better and {2} was worse than on {3}.", on, better, worse, previous],
                (true, false) => L["At your clinic check on {0}, {1} measurement was better and {2} were worse than on {3}.", on, better, worse, previous],
                (false, true) => L["At your clinic check on {0}, {1} measurements were better and {2} was worse than on {3}.", on, better, worse, previous],
                _ => L["At your clinic check on {0}, {1} measurements were better and {2} were worse than on {3}.", on, better, worse, previous],
            });
        }

        var fallsCount = recent.Sum(c => c.Falls ?? 0);
        var hurt = recent.Any(c => c.FallInjury == true);
        var falls = new List<string>
        {
            (fallsCount, hurt) switch
            {
                (0, _) => L["No falls reported since {0}.", Dates.Birth(since)],
                (1, false) => L["{0} fall reported since {1}.", fallsCount, Dates.Birth(since)],
                (_, false) => L["{0} falls reported since {1}.", fallsCount, Dates.Birth(since)],
                (1, true) => L["{0} fall reported since {1}, at least one where you were hurt.", fallsCount, Dates.Birth(since)],
                _ => L["{0} falls reported since {1}, at least one where you were hurt.", fallsCount, Dates.Birth(since)],
            },
        };
        if (input.Assessments.Latest is { } risk)
        {
            falls.Add(L["Your fall risk at the last clinic check: {0}.", risk.FallRisk.Level switch
            {
                Clinical.Assessment.FallRiskLevel.Low => L["low"],
                Clinical.Assessment.FallRiskLevel.Moderate => L["moderate"],
                Clinical.Assessment.FallRiskLevel.High => L["high"],
                _ => L["not assessed"],
            }]);
        }

        var active = input.Plan.Interventions.Where(i => i.Active).Take(6).ToList();
        var trying = active.Count == 0
            ? [L["Nothing recorded yet."]]
            : active.Select(i => $"{i.Name}{(i.Dose is { } d ? $" ({d})" : "")}: {plan.Effect(i.Effect)}.").ToList();

        var goals = input.Plan.Goals.Where(g => g.Status == GoalStatus.Active).Take(5)
            .Select(g => (string)(g.Reviews.Count > 0
                ? L["“{0}”: {1} at the last review ({2}).", g.Text, plan.Level(g.CurrentLevel), Dates.Birth(g.Reviews[^1].ReviewedOn)]
                : L["“{0}”: {1} so far.", g.Text, plan.Level(g.CurrentLevel)])).ToList();

        var questions = new List<string>();
        if (before is not null && latest is not null && latest.SymptomScore > before.SymptomScore)
        {
            questions.Add(L["My symptoms are worse than at my last visit. What could be causing this, and what are my options?"]);
        }

        if (fallsCount > 0 || input.Assessments.Latest?.FallRisk.Level is Clinical.Assessment.FallRiskLevel.High)
        {
            questions.Add(L["What can I do to prevent falls at home? Would physical therapy help me?"]);
        }

        foreach (var i in active.Where(i => i.Effect.LatestRelief is <= 3))
        {
            questions.Add(L["{0} is not helping much. Are there other things I could try?", i.Name]);
        }

        foreach (var i in active.Where(i => i.Effect.LatestSideEffects >= 2))
        {
            questions.Add(L["{0} gives me side effects. What can I do about them?", i.Name]);
        }

        if (input.OnTreatment)
        {
            questions.Add(L["How might my next treatments affect my nerves, and what should I watch for?"]);
        }

        questions.Add(L["Which changes should make me call you before my next visit?"]);

        return new(lastVisit, changed, falls, trying, goals, questions.Take(6).ToList(), ClinicianNote(input, latest, before, since));
    }

    private static string ClinicianNote(VisitSummaryInput input, CheckInSummary? latest, CheckInSummary? before, DateOnly since)
    {
        var note = new StringBuilder();
        note.Append(Invariant, $"CIPN review {input.Today:yyyy-MM-dd}, {input.PatientName}.\n");
        if (latest is not null)
        {
            note.Append(Invariant, $"PRO ({latest.At:yyyy-MM-dd}): sensory G{latest.SensoryGrade}, motor G{latest.MotorGrade} (CTCAE v{latest.CtcaeVersion} equivalent), symptom score {Score(latest.SymptomScore)}/100");
            note.Append(before is not null && !ReferenceEquals(before, latest) ? string.Create(Invariant, $"; {before.At:yyyy-MM-dd}: G{before.SensoryGrade}/G{before.MotorGrade}, {Score(before.SymptomScore)}.\n") : ".\n");
        }

        var falls = input.CheckIns.Where(c => c.At > since.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc)).Sum(c => c.Falls ?? 0);
        note.Append(Invariant, $"Falls since {since:yyyy-MM-dd}: {falls}.\n");
        if (input.Exposure is { Agents.Count: > 0 } exposure)
        {
            note.Append("Exposure: ").Append(string.Join("; ", exposure.Agents.Select(a =>
                string.Create(Invariant, $"{a.Name} {a.CumulativeInBasis:0.#} {a.BasisUnit}{(a.PercentOfThreshold is { } p ? $" ({p:0}% of threshold, {a.RiskBand})" : "")}")))).Append(".\n");
        }

        if (input.Assessments.Latest is { } exam)
        {
            note.Append(Invariant, $"Exam {exam.VisitDate:yyyy-MM-dd}: composite {(exam.Composite.Total is { } t ? $"{t}/28" : "incomplete")}");
            if (exam.Findings.TugSeconds is { } tug)
            {
                note.Append(Invariant, $", TUG {tug:0.#} s");
            }

            note.Append(exam.Orthostatic.Present switch
            {
                true => string.Create(Invariant, $", orthostatic hypotension (−{exam.Orthostatic.SystolicFall}/−{exam.Orthostatic.DiastolicFall} mmHg)"),
                false => ", no orthostatic hypotension",
                null => "",
            });
            note.Append(Invariant, $", fall risk {Clinical.Assessment.FallRisk.Describe(exam.FallRisk.Level)}.");
            if (exam.Changes.Count > 0)
            {
                note.Append(" Change: ").Append(string.Join(", ", exam.Changes.Take(6).Select(c => string.Create(Invariant, $"{c.Finding} {c.Before}→{c.After}")))).Append('.');
            }

            note.Append('\n');
        }

        if (input.Assessments.OtherCauseReasons.Count > 0)
        {
            note.Append("Consider other cause: ").Append(string.Join("; ", input.Assessments.OtherCauseReasons)).Append(".\n");
        }

        var open = input.Alerts.Where(a => a.Status != AlertStatus.Resolved).ToList();
        note.Append("Open alerts: ").Append(open.Count == 0 ? "none" : string.Join("; ", open.Select(a => $"{a.Title} ({a.Severity.ToString().ToLowerInvariant()})"))).Append(".\n");
        var plan = input.Plan;
        note.Append("Plan: ").Append(string.Join("; ", plan.Interventions.Where(i => i.Active).Select(i => $"{i.Name} — {i.Effect.Summary}").DefaultIfEmpty("no interventions recorded")));
        var referrals = plan.Referrals.Where(r => r.Status is not (ReferralStatus.Done or ReferralStatus.Declined)).ToList();
        if (referrals.Count > 0)
        {
            note.Append("; referrals: ").Append(string.Join(", ", referrals.Select(r => $"{CarePlanQueries.ServiceText(r.Service)} ({r.Status.ToString().ToLowerInvariant()})")));
        }

        if (plan.GoalTScore is { } gas)
        {
            note.Append(Invariant, $"; goals GAS T {gas:0.#}");
        }

        note.Append('.');
        return note.ToString();
    }

    private static string Score(double? score) => CheckInSummary.Show(score);

    private static string Day(DateTime at) => Dates.Day(at);
}
