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
