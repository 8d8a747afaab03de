using CipnCare.Web.Features.Instruments;

namespace CipnCare.Web.Features.CheckIns;

/// <summary>Reads of check-ins. Callers must have opened the patient through PatientAccess first.</summary>
public sealed class CheckInQueries(ResponseQueries responses)
{
    /// <summary>The patient's check-ins (every version of the check-in), newest first, each with its change.</summary>
    public async Task<List<CheckInSummary>> HistoryAsync(Guid patientId, CancellationToken cancellationToken) =>
        CheckInSummary.History(await responses.HistoryAsync(patientId, InstrumentLibrary.CheckInUrl, cancellationToken));
}
