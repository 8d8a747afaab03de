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

    [Fact]
    public async Task TheInstrumentList_ListsEveryStoredVersion_FromTheVersionsAlreadyParsed()
    {
        var stored = await app.WithDbAsync(db => db.Instruments.AsNoTracking().OrderBy(i => i.Url).ThenBy(i => i.LoadedAt).ToListAsync(Ct));
        var checkIn = stored.Last(i => i.Url == InstrumentLibrary.CheckInUrl);
        var parsed = app.Services.GetRequiredService<ParsedInstruments>();
        await using var scope = app.Services.CreateAsyncScope();
        var library = scope.ServiceProvider.GetRequiredService<InstrumentLibrary>();

        var listed = await library.ListAsync(Ct);
        // A version parsed once is listed from what was parsed (a marked title shows it), not parsed again on every page.
        parsed.Remember(checkIn, parsed.Find(checkIn.Id)!.Definition with { Title = "Parsed once" });
        List<InstrumentSummary> relisted;
        try
        {
            relisted = await library.ListAsync(Ct);
        }
        finally
        {
            parsed.Forget(checkIn.Id);
        }

        Assert.Equal(stored.Select(i => (i.Id, i.Version, i.Status)), listed.Select(i => (i.Id, i.Version, i.Status)));
        Assert.Equal(checkIn.Title, listed.Single(i => i.Id == checkIn.Id).Title);
        Assert.Equal("Parsed once", relisted.Single(i => i.Id == checkIn.Id).Title);
        Assert.Equal(listed.Where(i => i.Id != checkIn.Id), relisted.Where(i => i.Id != checkIn.Id), (a, b) => (a.Id, a.Title, a.Questions) == (b.Id, b.Title, b.Questions));
    }
}
