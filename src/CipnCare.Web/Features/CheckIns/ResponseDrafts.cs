using System.Security.Claims;
using System.Text.Json;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Instruments;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.CheckIns;

/// <summary>
/// Saves and resumes a response being filled in. The page opens the patient through PatientAccess (and checks the
/// caller may report) before it calls these; every save is audited with the write.
/// </summary>
public sealed class ResponseDrafts(CipnDbContext db, AuditLog audit, TimeProvider clock)
{
    public const string SaveAction = "save check-in draft";

    /// <summary>
    /// The caller's draft for this instrument version. A draft begun on an older version of the same questionnaire (say
    /// check-in 1.0.0 when 1.1.0 was published mid-way) moves to this version with the answers to the questions both
    /// share, from the first step, so nothing typed is lost and the new questions are asked.
    /// </summary>
    public async Task<ResponseDraft?> FindAsync(ClaimsPrincipal user, Guid patientId, LoadedInstrument instrument, CancellationToken cancellationToken)
    {
        var userId = user.RequiredUserId();
        var instrumentId = instrument.Row.Id;
        var drafts = db.ResponseDrafts.Where(d => d.PatientId == patientId && d.UserId == userId);
        if (await drafts.AsNoTracking().FirstOrDefaultAsync(d => d.InstrumentId == instrumentId, cancellationToken) is { } current)
        {
            return current;
        }

        // Only from a retired version (one that takes no responses any more): two active versions keep their own drafts.
        var older = await drafts.Join(db.Instruments.Where(i => i.Url == instrument.Row.Url && i.Id != instrumentId && i.Status == "retired"), d => d.InstrumentId, i => i.Id, (d, _) => d)
            .OrderByDescending(d => d.UpdatedAt).FirstOrDefaultAsync(cancellationToken);
        if (older is null)
        {
            return null;
        }

        var kept = Answers(older).Where(a => instrument.Definition.Item(a.Key) is { IsQuestion: true }).ToDictionary();
        older.InstrumentId = instrumentId;
        older.AnswersJson = JsonSerializer.Serialize(kept);
        older.Step = 1;
        audit.Add(user, SaveAction, AuditOutcome.Success, patientId, $"moved to {instrument.Row.Version}: {kept.Count} answers kept");
        await db.SaveChangesAsync(cancellationToken);
        return older;
    }

    public static Dictionary<string, string> Answers(ResponseDraft? draft) =>
        draft is null ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(draft.AnswersJson) ?? [];

    public async Task<ResponseDraft> SaveAsync(ClaimsPrincipal user, Guid patientId, Guid instrumentId, IReadOnlyDictionary<string, string> answers, int step, CancellationToken cancellationToken)
    {
        var userId = user.RequiredUserId();
        var now = clock.GetUtcNow().UtcDateTime;
        var draft = await db.ResponseDrafts.FirstOrDefaultAsync(d => d.PatientId == patientId && d.InstrumentId == instrumentId && d.UserId == userId, cancellationToken);
        if (draft is null)
        {
            draft = new ResponseDraft
            {
                Id = Guid.CreateVersion7(),
                PatientId = patientId,
                InstrumentId = instrumentId,
                UserId = userId,
                SubmissionKey = Guid.NewGuid().ToString("N"),
                StartedAt = now,
            };
            db.ResponseDrafts.Add(draft);
        }

        draft.AnswersJson = JsonSerializer.Serialize(answers);
        draft.Step = step;
        draft.UpdatedAt = now;
        audit.Add(user, SaveAction, AuditOutcome.Success, patientId, $"step {step}");
        await db.SaveChangesAsync(cancellationToken);
        return draft;
    }

    public Task<int> DeleteAsync(Guid draftId, CancellationToken cancellationToken) =>
        db.ResponseDrafts.Where(d => d.Id == draftId).ExecuteDeleteAsync(cancellationToken);
}
