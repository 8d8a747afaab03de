using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CipnCare.Web.Features.Alerts.Triage;

/// <summary>Ready reports Degraded (still 200) when the semantic triage layer cannot load: the rules still triage every note.</summary>
public sealed class TriageHealthCheck(SemanticTriage semantic) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!semantic.Enabled ? HealthCheckResult.Healthy("semantic triage turned off (Triage:Semantic=false); rules only")
            : semantic.EnsureLoaded() && semantic.Problem is null ? HealthCheckResult.Healthy("rules and semantic triage")
            : HealthCheckResult.Degraded(semantic.Problem));
}
