using CipnCare.Web.Features.Instruments;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CipnCare.Web.Tests;

/// <summary>Issue #17: a stored instrument version is parsed once per process, and what is served is still what is stored.</summary>
public sealed class ParsedInstrumentsTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<LoadedInstrument> FindAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<InstrumentLibrary>().FindAsync(InstrumentLibrary.CheckInUrl, null, Ct))!;
    }

    [Fact]
    public async Task AVersion_IsParsedOnce_AndItsRowStillCarriesTheStoredJson()
    {
        var first = await FindAsync();
        var second = await FindAsync();
        var stored = await app.WithDbAsync(db => db.Instruments.AsNoTracking().SingleAsync(i => i.Id == first.Row.Id, Ct));

        Assert.Same(first.Definition, second.Definition); // parsed once
        Assert.NotSame(first.Row, second.Row); // each request its own row
        Assert.Equal((stored.QuestionnaireJson, stored.ScoringJson, stored.Version, stored.Status), (second.Row.QuestionnaireJson, second.Row.ScoringJson, second.Row.Version, second.Row.Status));
    }

    [Fact]
    public async Task AForgottenVersion_IsReadAndParsedAgain()
    {
        var first = await FindAsync();
        app.Services.GetRequiredService<ParsedInstruments>().Forget(first.Row.Id);
        var again = await FindAsync();

        Assert.NotSame(first.Definition, again.Definition);
        Assert.Equal(first.Definition.Items.Select(i => i.LinkId), again.Definition.Items.Select(i => i.LinkId));
    }
}
