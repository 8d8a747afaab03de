using CipnCare.Web.Features.Operations;
using Microsoft.Extensions.Options;

namespace CipnCare.Web.Fhir.Bulk;

/// <summary>
/// Runs export jobs in the background on every instance: each round deletes expired exports, then takes and runs jobs
/// until none is waiting. Instances share the work through the database (<see cref="BulkExportRunner.RunNextAsync"/>);
/// a kick-off on this instance wakes its worker at once, others find the job at their next poll.
/// </summary>
public sealed partial class BulkExportWorker(IServiceScopeFactory scopes, IOptions<BulkExportOptions> options, ILogger<BulkExportWorker> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>Tells the worker a job is waiting.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunWorker)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var runner = scope.ServiceProvider.GetRequiredService<BulkExportRunner>();
                await runner.DeleteExpiredAsync(stoppingToken);
                while (await runner.RunNextAsync(ThisInstance.Name, stoppingToken))
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e.GetType().Name); // a failed round never stops the host; the next one tries again
            }

            await _wake.WaitAsync(options.Value.PollEvery, stoppingToken);
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Bulk export round failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string error);
}
