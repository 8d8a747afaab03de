namespace CipnCare.Web.Fhir.Bulk;

public enum BulkExportLevel
{
    System,
    Patient,
    Group,
}

public enum BulkExportState
{
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary>
/// One FHIR Bulk Data export (https://hl7.org/fhir/uv/bulkdata/export.html): what was asked, by whom, and how far it has
/// got. Any instance's <see cref="BulkExportWorker"/> takes a queued job with a conditional UPDATE (a lease it renews while
/// it works), so a job runs on one instance at a time and another takes it over when that instance dies.
/// </summary>
public sealed class BulkExportJob
{
    public Guid Id { get; set; }

    /// <summary>Who may poll, download and cancel: <c>user:{id}</c>, or the SMART client (<c>client:{id}</c>) with the user it acts for.</summary>
    public string Owner { get; set; } = "";

    /// <summary>The requester's claims as JSON (<see cref="BulkExportPrincipal"/>): the worker sees with the requester's eyes.</summary>
    public string ClaimsJson { get; set; } = "[]";

    public BulkExportLevel Level { get; set; }
    public Guid? GroupId { get; set; }

    /// <summary>The resource types to export, comma-separated, already narrowed to what the requester's scopes allow.</summary>
    public string Types { get; set; } = "";

    public DateTime? Since { get; set; }

    /// <summary>The kick-off URL, which the manifest echoes.</summary>
    public string RequestUrl { get; set; } = "";

    public DateTime RequestedAt { get; set; }
    public BulkExportState State { get; set; }

    /// <summary>The instance working on it, and until when its claim holds (it renews the claim after each batch).</summary>
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseUntil { get; set; }

    /// <summary>When the worker started reading: the manifest's transactionTime.</summary>
    public DateTime? StartedAt { get; set; }

    public int PatientsDone { get; set; }
    public int PatientsTotal { get; set; }

    public DateTime? CompletedAt { get; set; }

    /// <summary>When the job and its files are deleted: some time after completion or failure.</summary>
    public DateTime? ExpiresAt { get; set; }

    public string? Error { get; set; }

    public IReadOnlyList<string> TypeList => Types.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
