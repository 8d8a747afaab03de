using CipnCare.Web.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(PostgresClusterLifetime))]

namespace CipnCare.Web.Tests.Infrastructure;

/// <summary>Stops the shared PostgreSQL cluster when the test assembly finishes.</summary>
public sealed class PostgresClusterLifetime : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await PostgresCluster.StopSharedAsync();
}
