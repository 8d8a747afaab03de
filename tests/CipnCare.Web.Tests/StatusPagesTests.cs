using System.Net;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Tests.Infrastructure;

namespace CipnCare.Web.Tests;

/// <summary>
/// A page that cannot be shown still answers with a whole page in plain words and the right status (issue #20): .NET 10
/// sends no body for a component's 404 and leaves it to the status-code page, which once showed nothing at all (the
/// re-executed request was not routed again), so a carer with an expired invitation link saw the browser's own error.
/// </summary>
public sealed class StatusPagesTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/no-such-page", "Page not found")]
    [InlineData("/invitations/not-a-real-invitation", "This invitation cannot be used")] // the page's own words, not the generic ones
    [InlineData("/guidance/no-such-guidance", "Guidance page not found")]
    public async Task AnUnknownAddress_Is404_WithAPageSayingWhat(string path, string heading)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(path, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"<h1>{heading}</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Go to your start page", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARecordThatIsNotThere_Is404_WithThePagesOwnWords()
    {
        using var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync()));
        var response = await client.GetAsync($"/patients/{Guid.NewGuid()}/care-plan", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1>Care plan not available</h1>", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARecordSomeoneMayNotSee_Is403_WithThePagesOwnWords()
    {
        var (patient, _) = await app.CreatePatientAsync(await app.CreateTeamAsync(), withLogin: false);
        using var outsider = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync()));
        var response = await outsider.GetAsync($"/patients/{patient}/care-plan", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("This attempt has been recorded.", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheApi_StillAnswers404AsProblemDetails_NotAPage()
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync("/api/no-such-thing", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
