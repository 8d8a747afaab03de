using Xunit.Sdk;
using Xunit.v3;

[assembly: TestCollectionOrderer(typeof(CipnCare.Web.Tests.Infrastructure.StartFirstOrderer))]

namespace CipnCare.Web.Tests.Infrastructure;

/// <summary>
/// A test class that mostly waits on other processes (the published app, nginx): started before the others, so its
/// waiting overlaps their work instead of being the run's last minute (issue #14: CI time; measured 2026-12-05, the
/// published-app classes started 3 minutes in and ended the run 35 s after every other class).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StartFirstAttribute : Attribute;

/// <summary>xUnit's own order (stable, by id), with the classes marked <see cref="StartFirstAttribute"/> moved to the front.</summary>
public sealed class StartFirstOrderer : ITestCollectionOrderer
{
    // Each class is its own collection, named after it.
    private static readonly HashSet<string> First = typeof(StartFirstOrderer).Assembly.GetTypes()
        .Where(t => t.IsDefined(typeof(StartFirstAttribute), inherit: false))
        .Select(t => $"Test collection for {t.FullName}")
        .ToHashSet(StringComparer.Ordinal);

    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : ITestCollection =>
        [.. DefaultTestCollectionOrderer.Instance.OrderTestCollections(testCollections).OrderBy(c => First.Contains(c.TestCollectionDisplayName) ? 0 : 1)];
}
