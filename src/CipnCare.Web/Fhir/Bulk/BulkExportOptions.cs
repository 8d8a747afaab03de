namespace CipnCare.Web.Fhir.Bulk;

/// <summary>Bulk Data export settings (configuration section "Fhir:BulkExport"; docs/fhir.md).</summary>
public sealed class BulkExportOptions
{
    public const string Section = "Fhir:BulkExport";

    /// <summary>How long a finished export's files can be downloaded; then the job and its files are deleted.</summary>
    public TimeSpan KeepFilesFor { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often an idle worker looks for a new job (a job started on this instance wakes it at once).</summary>
    public TimeSpan PollEvery { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Off only where something else runs the jobs (tests that drive <see cref="BulkExportRunner"/> themselves).</summary>
    public bool RunWorker { get; set; } = true;

    /// <summary>How many unfinished exports one requester may have at once; more are refused with 429.</summary>
    public int MaxUnfinishedPerRequester { get; set; } = 3;
}
