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

    public Task<ResponseDraft?> FindAsync(ClaimsPrincipal user, Guid patientId, Guid instrumentId, CancellationToken cancellationToken)
    {
        var userId = user.RequiredUserId();
        return db.ResponseDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.PatientId == patientId && d.InstrumentId == instrumentId && d.UserId == userId, cancellationToken);
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
