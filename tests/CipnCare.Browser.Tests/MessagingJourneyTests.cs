using CipnCare.Browser.Tests.Infrastructure;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CipnCare.Browser.Tests;

/// <summary>
/// Messages (issue #19): a carer asks the team on a phone, the clinician finds the message on the worklist at desktop size
/// and answers from a template, the carer reads the answer. Axe checks each state the journey reaches that a plain visit
/// does not show, at the size it is used (EveryPageTests checks every page as each role first sees it).
/// </summary>
public sealed class MessagingJourneyTests(LiveApp app, Chromium chromium) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task ACarerAsks_TheClinicianAnswersFromTheWorklist_TheCarerReadsIt()
    {
        var team = await app.CreateTeamAsync();
        var (patientId, _) = await app.CreatePatientAsync(team, withLogin: false, familyName: CipnApp.Unique("Okoro"));
        var carerUser = await app.CreateCaregiverForAsync(patientId);
        var clinician = await app.CreateUserAsync(Roles.Clinician, team);

        var carer = await chromium.NewPageAsync(app.BaseUrl, width: 360, height: 780);
        await Journeys.SignInAsync(carer, carerUser);
        await carer.GotoAsync($"/patients/{patientId}/messages");
        await Assertions.Expect(carer.GetByText("The team replies within")).ToBeVisibleAsync();
        await carer.GetByLabel("What is it about?").FillAsync("Numb feet on the stairs");
        await carer.GetByLabel("Your message").FillAsync("Mum says she cannot feel the edge of the stairs any more. What can we do at home?");
        await carer.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(carer.GetByRole(AriaRole.Heading, new() { Name = "Message sent" })).ToBeVisibleAsync();
        await Assertions.Expect(carer.GetByText("Your care team will reply by")).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(carer);

        app.Clock.Advance(TimeSpan.FromMinutes(20)); // the test clock stands still otherwise: the reply must come after the question
        var desk = await chromium.NewPageAsync(app.BaseUrl, width: 1280, height: 900);
        await Journeys.SignInAsync(desk, clinician);
        await desk.GotoAsync("/worklist");
        var waiting = desk.GetByRole(AriaRole.Link).Filter(new() { HasText = "Numb feet on the stairs" });
        await Assertions.Expect(waiting).ToBeVisibleAsync();
        await waiting.ClickAsync();
        await Assertions.Expect(desk.GetByText(", carer, for Test")).ToBeVisibleAsync();
        await desk.GetByLabel("Start from a reply template").SelectOptionAsync("falls");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Use this template" }).ClickAsync();
        await Assertions.Expect(desk.GetByLabel("Message", new() { Exact = true })).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("guidance/home-safety"));
        await Chromium.AssertAccessibleAsync(desk);
        await desk.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(desk.GetByRole(AriaRole.Heading, new() { Name = "Message sent" })).ToBeVisibleAsync();
        await desk.GotoAsync("/worklist");
        await Assertions.Expect(desk.GetByRole(AriaRole.Link).Filter(new() { HasText = "Numb feet on the stairs" })).ToHaveCountAsync(0); // answered: no longer waiting

        await carer.GotoAsync($"/patients/{patientId}/messages");
        await Assertions.Expect(carer.Locator(".badge", new() { HasText = "New" })).ToBeVisibleAsync();
        await carer.GetByRole(AriaRole.Link, new() { Name = "Numb feet on the stairs" }).ClickAsync();
        await Assertions.Expect(carer.GetByText($"{clinician.DisplayName}, care team")).ToBeVisibleAsync();
        await Assertions.Expect(carer.GetByText("Numb feet make falls more likely")).ToBeVisibleAsync();
        await carer.GetByRole(AriaRole.Link, new() { Name = $"{app.BaseUrl.TrimEnd('/')}/guidance/home-safety" }).ClickAsync(); // the template's guidance is one tap away
        await Assertions.Expect(carer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await carer.GoBackAsync();
        await Chromium.AssertAccessibleAsync(carer);
        var scrolls = await carer.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");
        Assert.False(scrolls, "The conversation scrolls sideways at 360 px.");
    }
}
