using CipnCare.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.CheckIns;

/// <summary>Reads of check-ins. Callers must have opened the patient through PatientAccess first.</summary>
public sealed class CheckInQueries(CipnDbContext db)
{
    public const int DefaultHistoryLimit = 200;

    public async Task<List<CheckInView>> HistoryAsync(Guid patientId, CancellationToken cancellationToken, int limit = DefaultHistoryLimit)
    {
        // One extra so the oldest shown still has a comparison.
        var rows = await db.CheckIns.AsNoTracking()
            .Where(c => c.PatientId == patientId)
            .OrderByDescending(c => c.SubmittedAt).ThenByDescending(c => c.Id)
            .Take(limit + 1)
            .ToListAsync(cancellationToken);
        return CheckInView.History(rows).Take(limit).ToList();
    }

    public async Task<CheckInView?> WithPreviousAsync(CheckIn checkIn, CancellationToken cancellationToken)
    {
        var previous = await db.CheckIns.AsNoTracking()
            .Where(c => c.PatientId == checkIn.PatientId && (c.SubmittedAt < checkIn.SubmittedAt || (c.SubmittedAt == checkIn.SubmittedAt && c.Id.CompareTo(checkIn.Id) < 0)))
            .OrderByDescending(c => c.SubmittedAt).ThenByDescending(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return CheckInView.From(checkIn, previous);
    }
}
