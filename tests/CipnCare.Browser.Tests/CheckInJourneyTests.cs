using System.Text.RegularExpressions;
using CipnCare.Browser.Tests.Infrastructure;
using CipnCare.Clinical.CheckIns;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Chromium))]

namespace CipnCare.Browser.Tests;

/// <summary>The first closed loop in a real browser: a patient reports, a clinician sees it. Axe checks each page.</summary>
public sealed partial class CheckInJourneyTests(LiveApp app, Chromium chromium) : IClassFixture<LiveApp>
{
    private static async Task SignInAsync(IPage page, TestUser user)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email address").FillAsync(user.Email);
        await page.GetByLabel("Password").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    private static async Task AnswerAsync(IPage page, string question, string answer)
    {
        var group = page.GetByRole(AriaRole.Group, new() { Name = question, Exact = true });
        // People tap the big label, which covers the visually hidden radio; then the radio must be checked.
        var radio = group.GetByLabel(answer, new() { Exact = true });
        var id = await radio.GetAttributeAsync("id");
        await group.Locator($"label[for='{id}']").ClickAsync();
        await Assertions.Expect(radio).ToBeCheckedAsync();
    }

    [Fact]
    public async Task Patient_CompletesCheckIn_AndClinicianSeesIt()
    {
        var team = await app.CreateTeamAsync();
        var (patientId, login) = await app.CreatePatientAsync(team, familyName: CipnApp.Unique("Moreau"));
        var clinician = await app.CreateUserAsync(Roles.Clinician, team);
        var page = await chromium.NewPageAsync(app.BaseUrl);

        await page.GotoAsync("/account/login");
        await Chromium.AssertAccessibleAsync(page);
        await SignInAsync(page, login!);
        Assert.EndsWith($"/patients/{patientId}", page.Url, StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Link, new() { Name = "Start a check-in" }).ClickAsync();
        await Chromium.AssertAccessibleAsync(page);

        foreach (var item in CheckInItems.All)
        {
            var answer = item.Id switch
            {
                CheckInItems.NumbnessFeet => "Moderate 2",
                CheckInItems.TinglingFeet => "Severe 3",
                CheckInItems.Falls => "None",
                _ => "Mild 1",
            };
            await AnswerAsync(page, item.Question, answer);
        }

        await AnswerAsync(page, "Do your symptoms stop you doing everyday tasks, such as cooking, shopping, using the phone or handling money?", "Yes");
        await AnswerAsync(page, "Do your symptoms stop you looking after yourself, such as washing, dressing, eating or using the toilet?", "No");
        await page.GetByLabel("Anything else your care team should know? (optional)").FillAsync("My feet feel like I'm walking on pebbles.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send to my care team" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you – your check-in was sent" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Sensory grade 2")).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);

        // Sensory: 1+2+1+3+1+1 = 9; motor: 1+1 = 2; autonomic 1; total 12.
        var clinicianPage = await chromium.NewPageAsync(app.BaseUrl);
        await SignInAsync(clinicianPage, clinician);
        await clinicianPage.GotoAsync("/patients");
        await Chromium.AssertAccessibleAsync(clinicianPage);
        var row = clinicianPage.GetByRole(AriaRole.Row).Filter(new() { HasText = "Moreau" });
        await Assertions.Expect(row).ToContainTextAsync("First report");
        await Assertions.Expect(row.GetByRole(AriaRole.Cell).Nth(5)).ToHaveTextAsync("12");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(clinicianPage.GetByRole(AriaRole.Heading, new() { Name = "Check-in history" })).ToBeVisibleAsync();
        await Assertions.Expect(clinicianPage.GetByRole(AriaRole.Region, new() { Name = "Check-ins table" })).ToContainTextAsync(DateRegex());
        await Chromium.AssertAccessibleAsync(clinicianPage);
    }

    [Fact]
    public async Task CheckIn_OnAPhone_HasLargeTargets_AndNoSidewaysScrolling()
    {
        var team = await app.CreateTeamAsync();
        var (patientId, login) = await app.CreatePatientAsync(team);
        var page = await chromium.NewPageAsync(app.BaseUrl, width: 360, height: 780);
        await SignInAsync(page, login!);

        await page.GotoAsync($"/patients/{patientId}/check-in");

        await Chromium.AssertAccessibleAsync(page);
        var targets = page.Locator(".choice label, button, .button");
        var count = await targets.CountAsync();
        Assert.True(count > 50, $"expected every answer and button to be measured, found {count}");
        for (var i = 0; i < count; i++)
        {
            var box = await targets.Nth(i).BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Height >= 44 && box.Width >= 44, $"target {i} ({await targets.Nth(i).InnerTextAsync()}) is {box.Width}x{box.Height} px");
        }

        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the check-in scrolls sideways on a 360 px phone");
    }

    [Fact]
    public async Task CheckIn_MissingAnswers_ShowsErrorSummaryLinkingToTheQuestion()
    {
        var team = await app.CreateTeamAsync();
        var (patientId, login) = await app.CreatePatientAsync(team);
        var page = await chromium.NewPageAsync(app.BaseUrl);
        await SignInAsync(page, login!);
        await page.GotoAsync($"/patients/{patientId}/check-in");

        await page.GetByRole(AriaRole.Button, new() { Name = "Send to my care team" }).ClickAsync();

        var summary = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(summary).ToContainTextAsync("There is a problem");
        await Assertions.Expect(summary.GetByRole(AriaRole.Link)).ToHaveCountAsync(12);
        await summary.GetByRole(AriaRole.Link).First.ClickAsync();
        Assert.EndsWith("#numbness-hands", page.Url, StringComparison.Ordinal);
        await Chromium.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task CheckIn_CanBeCompletedWithTheKeyboardAlone()
    {
        var team = await app.CreateTeamAsync();
        var (patientId, login) = await app.CreatePatientAsync(team);
        var page = await chromium.NewPageAsync(app.BaseUrl);

        // Sign in: Tab to the fields, type, Enter.
        await page.GotoAsync("/account/login");
        await TabUntilAsync(page, "email");
        await page.Keyboard.TypeAsync(login!.Email);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(login.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"**/patients/{patientId}");

        // Tab to the check-in link and follow it.
        await TabUntilAsync(page, "Start a check-in");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"**/patients/{patientId}/check-in");

        // Each question is a radio group: Tab enters it, ArrowRight moves to (and selects) the next answer.
        await TabUntilAsync(page, CheckInItems.NumbnessHands);
        for (var group = 0; group < CheckInItems.All.Count + 2; group++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
            await page.Keyboard.PressAsync("Tab");
        }

        await page.Keyboard.TypeAsync("Typed with the keyboard only.");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Send to my care team", await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you – your check-in was sent" })).ToBeVisibleAsync();
        // Every severity item "Mild" (1): sensory 6 + motor 2 + autonomic 1 = 9; the fall count "1" is not summed; both ADL answers "Yes".
        await Assertions.Expect(page.GetByText("symptom score 9 of 36")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Sensory grade 3")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Clinician_SeesExposureAndAcknowledgedFinding_OnThePatientPage()
    {
        var team = await app.CreateTeamAsync();
        var (patientId, _) = await app.CreatePatientAsync(team, withLogin: false);
        var clinician = await app.CreateUserAsync(Roles.Clinician, team);
        var api = await app.ClientForAsync(clinician);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(api, $"/api/patients/{patientId}/body-measurements", new { measuredAt = now.AddDays(-30), heightCm = 180, weightKg = 80 }, TestContext.Current.CancellationToken);
        var dose = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(api, $"/api/patients/{patientId}/administrations",
            new { agentCode = "vincristine", administeredAt = now.AddDays(-2), amount = 1.4, unit = "MgPerM2", route = "IV", acknowledge = true, acknowledgementReason = "Pharmacy capped the bag at 2 mg; entry corrected on paper." }, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Created, dose.StatusCode);
        var page = await chromium.NewPageAsync(app.BaseUrl);

        await SignInAsync(page, clinician);
        await page.GotoAsync($"/patients/{patientId}");

        var table = page.GetByRole(AriaRole.Region, new() { Name = "Exposure table" });
        await Assertions.Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "Vincristine" })).ToContainTextAsync("1.4 mg/m²");
        await Assertions.Expect(page.GetByText("Vincristine 2.8 mg is above the 2 mg single-dose maximum.")).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Clinician_RecordsRegimen_AndAcknowledgesATripledDose()
    {
        var team = await app.CreateTeamAsync();
        var (patientId, _) = await app.CreatePatientAsync(team, withLogin: false);
        var clinician = await app.CreateUserAsync(Roles.Clinician, team);
        var page = await chromium.NewPageAsync(app.BaseUrl);
        await SignInAsync(page, clinician);
        await page.GotoAsync($"/patients/{patientId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Record treatment (doses, regimen, height and weight)" }).ClickAsync();

        await page.GetByLabel("Measured on").FillAsync("2026-11-01");
        await page.GetByLabel("Height (cm)").FillAsync("180");
        await page.GetByLabel("Weight (kg)").FillAsync("80");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save height and weight" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Height and weight saved.");

        var plan = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Save plan" }) });
        await plan.GetByLabel("Agent").SelectOptionAsync("oxaliplatin");
        await plan.GetByLabel("Dose per administration").FillAsync("85");
        await plan.GetByLabel("Unit").SelectOptionAsync("MgPerM2");
        await plan.GetByLabel("Days between administrations").FillAsync("14");
        await plan.GetByLabel("Number of cycles").FillAsync("12");
        await plan.GetByRole(AriaRole.Button, new() { Name = "Save plan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Regimen plan saved.");

        var dose = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Record dose" }) });
        await dose.GetByLabel("Agent").SelectOptionAsync("oxaliplatin");
        await dose.GetByLabel("Given at (UTC)").FillAsync("2026-11-22T09:00");
        await dose.GetByLabel("Dose").FillAsync("255");
        await dose.GetByLabel("Unit").SelectOptionAsync("MgPerM2");
        await dose.GetByRole(AriaRole.Button, new() { Name = "Record dose" }).ClickAsync();

        var findings = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Check this dose" });
        await Assertions.Expect(findings).ToContainTextAsync("200% above the planned 170 mg");
        await Chromium.AssertAccessibleAsync(page);
        dose = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Record dose" }) });
        await dose.Locator("label[for='acknowledge']").ClickAsync();
        await dose.GetByLabel("Reason").FillAsync("Loading dose agreed at tumour board.");
        await dose.GetByRole(AriaRole.Button, new() { Name = "Record dose" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Dose recorded.");

        await page.GotoAsync($"/patients/{patientId}");
        var exposure = page.GetByRole(AriaRole.Region, new() { Name = "Exposure table" });
        await Assertions.Expect(exposure.GetByRole(AriaRole.Row).Filter(new() { HasText = "Oxaliplatin" })).ToContainTextAsync("255 mg/m²");
        await Assertions.Expect(page.GetByText("Loading dose agreed at tumour board.")).ToBeVisibleAsync();

        // The tripled dose was a keying error after all: correct it from the doses table.
        await page.GotoAsync($"/patients/{patientId}/exposure");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Correct the Oxaliplatin dose of") }).ClickAsync();
        dose = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Save correction" }) });
        await Assertions.Expect(dose.GetByLabel("Dose", new() { Exact = true })).ToHaveValueAsync("255");
        await dose.GetByLabel("Dose", new() { Exact = true }).FillAsync("85");
        await dose.GetByLabel("Why is this dose being corrected?").FillAsync("Keyed 255; the bag was 85 mg/m².");
        await dose.GetByRole(AriaRole.Button, new() { Name = "Save correction" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Correction saved.");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Doses on record" })).ToContainTextAsync("Keyed 255; the bag was 85 mg/m².");
        await Chromium.AssertAccessibleAsync(page);

        await page.GotoAsync($"/patients/{patientId}");
        await Assertions.Expect(exposure.GetByRole(AriaRole.Row).Filter(new() { HasText = "Oxaliplatin" })).ToContainTextAsync("85 mg/m²");
        await Assertions.Expect(page.Locator("figure svg.chart")).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
    }

    /// <summary>Presses Tab until the focused element has the given id or text (at most 80 presses).</summary>
    private static async Task TabUntilAsync(IPage page, string idOrText)
    {
        for (var i = 0; i < 80; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string>("() => (document.activeElement.id || '') + '|' + (document.activeElement.textContent || '').trim()");
            var parts = focused.Split('|', 2);
            if (parts[0] == idOrText || parts[1] == idOrText)
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached '{idOrText}'.");
    }

    [GeneratedRegex(@"\d{1,2} \w{3} \d{4}")]
    private static partial Regex DateRegex();
}
