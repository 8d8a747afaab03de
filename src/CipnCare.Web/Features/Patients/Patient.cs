namespace CipnCare.Web.Features.Patients;

public sealed class Patient
{
    public Guid Id { get; set; }

    /// <summary>Medical record number, unique in this installation: the number staff see and search.</summary>
    public string Mrn { get; set; } = "";

    /// <summary>
    /// The identifier system that issued <see cref="Mrn"/>, as an EHR sent it; null for a patient registered here (the
    /// site's MRN system, <c>Fhir:MrnSystem</c>, docs/fhir.md).
    /// </summary>
    public string? MrnSystem { get; set; }

    public string GivenName { get; set; } = "";
    public string FamilyName { get; set; } = "";
    public DateOnly BirthDate { get; set; }
    public Sex Sex { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }

    /// <summary>The cancer diagnosis in words ("Stage III colon adenocarcinoma").</summary>
    public string Diagnosis { get; set; } = "";

    public TreatmentStatus TreatmentStatus { get; set; }
    public Guid CareTeamId { get; set; }

    /// <summary>The patient's own login, when they have one.</summary>
    public string? UserId { get; set; }

    /// <summary>The patient lets carers who may only view their record read their messages with the team too (issue #19).</summary>
    public bool CarersReadMessages { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>1 when registered, one more with each change: the FHIR versionId and ETag (If-Match names it in an update).</summary>
    public int Version { get; set; } = 1;

    public DateTime UpdatedAt { get; set; }

    /// <summary>How this patient's body surface area is calculated for dose conversions (Mosteller unless the team chose DuBois).</summary>
    public CipnCare.Clinical.Exposure.BsaFormula BsaFormula { get; set; }


    public string FullName => $"{GivenName} {FamilyName}";
}
