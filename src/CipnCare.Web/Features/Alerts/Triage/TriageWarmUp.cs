namespace CipnCare.Web.Features.Alerts.Triage;

/// <summary>Loads the semantic triage model in the background at start-up, so the first check-in does not wait for it.</summary>
public sealed class TriageWarmUp(SemanticTriage semantic) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(semantic.EnsureLoaded, stoppingToken);
}
