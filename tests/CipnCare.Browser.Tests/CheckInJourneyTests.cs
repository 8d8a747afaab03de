using System.Text.RegularExpressions;
using CipnCare.Browser.Tests.Infrastructure;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Chromium))]
[assembly: AssemblyFixture(typeof(CipnCare.Browser.Tests.Infrastructure.LiveDemoApp))]

namespace CipnCare.Browser.Tests;

/// <summary>The check-in in a real browser: one topic per screen, review, send; the clinician sees it. Axe checks each state the journey reaches that a plain visit does not show (EveryPageTests checks every page as each role first sees it).</summary>
public sealed partial class CheckInJourneyTests(LiveApp app, Chromium chromium) : IClassFixture<LiveApp>
{
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
    public async Task Patient_CompletesCheckInOnAPhone_AndClinicianSeesIt()
    {
        var team = await app.CreateTeamAsync();
        var (patientId, login) = await app.CreatePatientAsync(team, familyName: CipnApp.Unique("Moreau"));
        var clinician = await app.CreateUserAsync(Roles.Clinician, team);
        var page = await chromium.NewPageAsync(app.BaseUrl, width: 390, height: 844);

        await page.GotoAsync("/account/login");
        await Journeys.SignInAsync(page, login!);
        Assert.EndsWith($"/patients/{patientId}", page.Url, StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Link, new() { Name = "Start a check-in" }).ClickAsync();

        // Step 1: hands.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your hands and fingers" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Step 1 of 7")).ToBeVisibleAsync();
        await AnswerAsync(page, "Numbness in your hands or fingers", "Moderate 2");
        await AnswerAsync(page, "Tingling or \"pins and needles\" in your hands or fingers", "Mild 1");
        await AnswerAsync(page, "Burning, shooting or electric pain in your hands or fingers", "None 0");
        await AnswerAsync(page, "Pain or discomfort in your hands when touching something cold", "Severe 3");
        await Journeys.ContinueAsync(page, 2);
        for (var step = 2; step <= 3; step++)
        {
            await Journeys.AnswerStepAsync(page);
            await Journeys.ContinueAsync(page, step + 1);
        }

        // Step 4: balance and falls, with the injury question explained.
        await AnswerAsync(page, "Feeling unsteady on your feet or losing your balance", "Mild 1");
        await page.GetByLabel("How many times have you fallen since your last check-in?").FillAsync("1");
        await Assertions.Expect(page.GetByText("Answer this only if your answer to “How many times have you fallen since your last check-in?” is more than 0.")).ToBeVisibleAsync();
        await AnswerAsync(page, "Were you hurt when you fell (a cut, bruise, broken bone, or you needed help to get up)?", "No");
        await Chromium.AssertAccessibleAsync(page);
        await Journeys.ContinueAsync(page, 5);
        await Journeys.AnswerStepAsync(page);
        await Journeys.ContinueAsync(page, 6);
        // Check-in 1.1.0 asks per domain: the numbness makes everyday tasks harder; weakness and balance limit nothing.
        await AnswerAsync(page, "Do numbness, tingling or nerve pain make everyday tasks harder: cooking, shopping, using the phone or managing money?", "Yes");
        await AnswerAsync(page, "Do weakness, unsteadiness or cramps make everyday tasks harder: cooking, shopping, using the phone or managing money?", "No");
        await AnswerAsync(page, "Do numbness, tingling or nerve pain make looking after yourself harder: washing, dressing, eating or using the toilet?", "No");
        await AnswerAsync(page, "Do weakness, unsteadiness or cramps make looking after yourself harder: washing, dressing, eating or using the toilet?", "No");
        await AnswerAsync(page, "How much did these symptoms disturb your sleep?", "A little 1");
        await Journeys.ContinueAsync(page, 7);
        await page.GetByLabel("Anything else your care team should know? (optional)").FillAsync("My feet feel like I'm walking on pebbles.");
        await Journeys.ContinueAsync(page, 8);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your answers" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("My feet feel like I'm walking on pebbles.")).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send to my care team" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you – your answers were sent" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("symptoms that make everyday tasks harder").First).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);

        // Sensory 2+1+0+3 + 1+1+1+1 = 10 of 32; motor 1×5 = 5 of 20; autonomic 3 of 12: 18 of 64 → 28.1.
        var clinicianPage = await chromium.NewPageAsync(app.BaseUrl);
        await Journeys.SignInAsync(clinicianPage, clinician);
        await clinicianPage.GotoAsync("/patients");
        var row = clinicianPage.GetByRole(AriaRole.Row).Filter(new() { HasText = "Moreau" });
        await Assertions.Expect(row).ToContainTextAsync("First report");
        await Assertions.Expect(row.GetByRole(AriaRole.Cell).Nth(5)).ToHaveTextAsync("28.1");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(clinicianPage.GetByRole(AriaRole.Heading, new() { Name = "Check-in history" })).ToBeVisibleAsync();
        await Assertions.Expect(clinicianPage.GetByRole(AriaRole.Region, new() { Name = "Check-ins table" })).ToContainTextAsync(DateRegex());
    }

    [Fact]
    public async Task CheckIn_OnAPhone_HasLargeTargets_AndNoSidewaysScrolling()
    {
        var team = await app.CreateTeamAsync();
        var (patientId, login) = await app.CreatePatientAsync(team);
        var page = await chromium.NewPageAsync(app.BaseUrl, width: 360, height: 780);
        await Journeys.SignInAsync(page, login!);

        foreach (var step in new[] { 1, 4, 6 })
        {
            await page.GotoAsync($"/patients/{patientId}/check-in?step={step}");
            var targets = page.Locator(".choice label, button, .button, input[type=number], textarea");
            var count = await targets.CountAsync();
            Assert.True(count > 10, $"expected every answer and button on step {step} to be measured, found {count}");
            for (var i = 0; i < count; i++)
            {
                var box = await targets.Nth(i).BoundingBoxAsync();
                Assert.NotNull(box);
                Assert.True(box.Height >= 44 && box.Width >= 44, $"step {step}, target {i} ({await targets.Nth(i).InnerTextAsync()}) is {box.Width}x{box.Height} px");
            }

            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
            Assert.False(overflow, $"step {step} of the check-in scrolls sideways on a 360 px phone");
        }
    }

    [Fact]
    public async Task CheckIn_MissingAnswers_ShowsErrorSummaryLinkingToTheQuestion()
    {
        var team = await app.CreateTeamAsync();
        var (patientId, login) = await app.CreatePatientAsync(team);
        var page = await chromium.NewPageAsync(app.BaseUrl);
        await Journeys.SignInAsync(page, login!);
        await page.GotoAsync($"/patients/{patientId}/check-in");

        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        var summary = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(summary).ToContainTextAsync("There is a problem");
        await Assertions.Expect(summary.GetByRole(AriaRole.Link)).ToHaveCountAsync(4);
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
        await Journeys.TabUntilAsync(page, "email");
        await page.Keyboard.TypeAsync(login!.Email);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(login.Password);
        await page.Keyboard.PressAsync("Enter");
        await Journeys.ArriveAsync(page, $"**/patients/{patientId}");

        await Journeys.TabUntilAsync(page, "Start a check-in");
        await page.Keyboard.PressAsync("Enter");
        await Journeys.ArriveAsync(page, $"**/patients/{patientId}/check-in");

        // Each question is a radio group (Tab enters it, ArrowRight picks the next answer), a number or a text box.
        for (var step = 1; step <= 7; step++)
        {
            var fields = await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('form fieldset.question input[type=radio]:first-of-type, form .field input, form .field textarea')).filter(e => !e.closest('.choice') || e.closest('.choice') === e.closest('.scale').firstElementChild).map(e => e.type + ':' + e.id)");
            foreach (var field in fields)
            {
                var (type, id) = (field.Split(':')[0], field.Split(':')[1]);
                await Journeys.TabUntilAsync(page, id);
                await (type switch
                {
                    "radio" => page.Keyboard.PressAsync("ArrowRight"),
                    "number" => page.Keyboard.TypeAsync("0"),
                    _ => page.Keyboard.TypeAsync("Typed with the keyboard only."),
                });
            }

            await Journeys.TabUntilAsync(page, "Continue");
            await page.Keyboard.PressAsync("Enter");
            await Journeys.ArriveAsync(page, $"**step={step + 1}");
        }

        await Journeys.TabUntilAsync(page, "Send to my care team");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you – your answers were sent" })).ToBeVisibleAsync();
        // Every severity item "Mild" (1) → symptom score 25; both daily-life answers "Yes" → grade 3.
        await Assertions.Expect(page.GetByText("25 out of 100")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("(sensory grade 3)")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Typed with the keyboard only.")).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"\d{1,2} \w{3} \d{4}")]
    private static partial Regex DateRegex();
}
