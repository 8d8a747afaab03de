using CipnCare.Web.Features.Assessments;
using CipnCare.Web.Features.CarePlans;
using CipnCare.Web.Features.CheckIns;
using CipnCare.Web.Features.Exposure;
using CipnCare.Web.Features.Instruments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CipnCare.Web.Data;

/// <summary>
/// An optional PostgreSQL read replica (<c>ConnectionStrings:ReadOnly</c>, a streaming standby; issue #16) for reads that
/// may lag the primary by the replication delay: FHIR searches of a patient's data and the progress view. Ask for the
/// replica's context or query services with <c>[FromKeyedServices(ReadReplica.Key)]</c> (endpoints) or
/// <c>[Inject(Key = ReadReplica.Key)]</c> (pages). Without a replica they are the primary's.
/// Deciding who may see a patient (<c>PatientAccess</c>), the audit and every write always use the primary, so a revoked
/// access is refused at once and nothing is written to a standby (which would refuse it).
/// </summary>
public static class ReadReplica
{
    public const string Key = "read-only";

    public static WebApplicationBuilder AddReadReplica(this WebApplicationBuilder builder, DatabaseProvider provider)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (builder.Configuration.GetConnectionString("ReadOnly") is { Length: > 0 } connectionString)
        {
            if (provider != DatabaseProvider.Postgres)
            {
                throw new InvalidOperationException("ConnectionStrings:ReadOnly names a PostgreSQL read replica; it needs Database:Provider=Postgres.");
            }

            var options = new DbContextOptionsBuilder<CipnDbContext>(); // as the primary's (statements prepared, the compiled model), reads untracked
            DatabaseSetup.UsePostgres(options, connectionString, DatabaseSetup.LoadMigrationsAssembly(provider)).UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
            services.AddKeyedScoped(Key, (_, _) => new CipnDbContext(options.Options));

            // Degraded, not unhealthy: the primary still serves everything else, and every instance shares the replica.
            services.AddHealthChecks().Add(new HealthCheckRegistration("database-read-replica",
                sp => new ReplicaHealthCheck(sp.GetRequiredKeyedService<CipnDbContext>(Key)), HealthStatus.Degraded, ["ready"]));
        }
        else
        {
            services.AddKeyedScoped(Key, (sp, _) => sp.GetRequiredService<CipnDbContext>());
        }

        services.AddKeyedScoped(Key, (sp, key) => new ResponseQueries(sp.GetRequiredKeyedService<CipnDbContext>(key)));
        services.AddKeyedScoped(Key, (sp, key) => new CheckInQueries(sp.GetRequiredKeyedService<ResponseQueries>(key)));
        services.AddKeyedScoped(Key, (sp, key) => new AssessmentQueries(sp.GetRequiredKeyedService<CipnDbContext>(key), sp.GetRequiredKeyedService<ResponseQueries>(key)));
        services.AddKeyedScoped(Key, (sp, key) => new CarePlanQueries(sp.GetRequiredKeyedService<CipnDbContext>(key)));
        services.AddKeyedScoped(Key, (sp, key) => new ExposureQueries(sp.GetRequiredKeyedService<CipnDbContext>(key), sp.GetRequiredService<TimeProvider>()));
        return builder;
    }

    /// <summary>The replica answers (a standby in recovery is expected; it only has to take reads).</summary>
    private sealed class ReplicaHealthCheck(CipnDbContext replica) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await replica.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : new HealthCheckResult(context.Registration.FailureStatus, "The read replica (ConnectionStrings:ReadOnly) does not answer: FHIR searches and the progress view fail until it does.");
    }
}
