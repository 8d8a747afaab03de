namespace CipnCare.Web.Fhir.Bulk;

/// <summary>One NDJSON output file of an export: up to <see cref="BulkExportRunner.MaxFileBytes"/> of one resource type (or of errors).</summary>
public sealed class BulkExportFile
{
    public Guid Id { get; set; }
    public Guid JobId { get; set; }

    /// <summary>The claim that wrote it (the job's lease owner then): the manifest lists only the completing claim's files.</summary>
    public string Attempt { get; set; } = "";

    /// <summary>The resource type of every line; OperationOutcome for the error file.</summary>
    public string Type { get; set; } = "";

    public bool IsError { get; set; }
    public int Sequence { get; set; }
    public int Count { get; set; }
    public byte[] Content { get; set; } = [];
}
