using CipnCare.Clinical.CheckIns;
using CipnCare.Web.Features.Schedules;

namespace CipnCare.Web.Features.Patients;

/// <summary>One line of the patient list: who, and how their latest check-in compares with the one before.</summary>
public sealed record PatientRow(
    Guid Id,
    string Mrn,
    string Name,
    DateOnly BirthDate,
    string Diagnosis,
    TreatmentStatus TreatmentStatus,
    string CareTeamName,
    DateTime? LatestCheckInAt,
    double? LatestSymptomScore,
    int? LatestSensoryGrade,
    int? LatestMotorGrade,
    CheckInChange? Change,
    ScheduleView Schedule);

/// <summary>One page of the patient list: its rows, how many patients match in all, and which page this is.</summary>
public sealed record PatientList(IReadOnlyList<PatientRow> Rows, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public int First => Rows.Count == 0 ? 0 : ((Page - 1) * PageSize) + 1;

    public int Last => ((Page - 1) * PageSize) + Rows.Count;
}
