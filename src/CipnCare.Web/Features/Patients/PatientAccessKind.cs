namespace CipnCare.Web.Features.Patients;

public enum PatientAccessKind
{
    /// <summary>See the record and its history.</summary>
    View,

    /// <summary>Report symptoms for the patient: the patient, a linked caregiver, or a team clinician.</summary>
    Report,
}
