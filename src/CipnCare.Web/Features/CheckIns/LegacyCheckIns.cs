using CipnCare.Clinical.Instruments;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Instruments;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.CheckIns;

/// <summary>
/// Copies check-ins stored by the foundation's fixed form into responses to the retired check-in version 0.1.0, once
/// each (the response keeps the check-in's id), so every check-in ever recorded is read, graded and compared one way.
/// </summary>
public sealed class LegacyCheckIns(CipnDbContext db, InstrumentLibrary library, AuditLog audit)
{
    public const string Version = "0.1.0";

    public async Task<int> ConvertAsync(CancellationToken cancellationToken)
    {
        var legacy = await library.FindAsync(InstrumentLibrary.CheckInUrl, Version, cancellationToken)
            ?? throw new InvalidOperationException($"The retired check-in {Version} is not loaded.");
        var pending = await db.CheckIns.AsNoTracking()
            .Where(c => !db.InstrumentResponses.Any(r => r.Id == c.Id))
            .ToListAsync(cancellationToken);
        foreach (var c in pending)
        {
            var answers = new Dictionary<string, Answer>
            {
                ["numbness-hands"] = Code(c.NumbnessHands),
                ["numbness-feet"] = Code(c.NumbnessFeet),
                ["tingling-hands"] = Code(c.TinglingHands),
                ["tingling-feet"] = Code(c.TinglingFeet),
                ["pain-hands"] = Code(c.PainHands),
                ["pain-feet"] = Code(c.PainFeet),
                ["weakness"] = Code(c.Weakness),
                ["balance"] = Code(c.Balance),
                ["falls"] = Code(c.Falls),
                ["dizziness-standing"] = Code(c.DizzinessOnStanding),
                ["limits-everyday"] = Answer.Of(c.LimitsEverydayTasks),
                ["limits-self-care"] = Answer.Of(c.LimitsSelfCare),
            };
            if (!string.IsNullOrWhiteSpace(c.Notes))
            {
                answers["notes"] = Answer.FreeText(c.Notes);
            }

            db.InstrumentResponses.Add(ResponseRecords.Build(c.Id, c.PatientId, legacy, answers, c.SubmittedAt, new EnteredBy(c.EnteredByUserId, c.EnteredByName, c.EnteredByRole), c.SubmissionKey));
        }

        if (pending.Count > 0)
        {
            audit.Add(null, "convert foundation check-ins", AuditOutcome.Success, detail: $"{pending.Count} check-ins copied to {InstrumentLibrary.CheckInUrl}|{Version}");
            await db.SaveChangesAsync(cancellationToken);
        }

        return pending.Count;
    }

    private static Answer Code(int value) => Answer.Of(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
