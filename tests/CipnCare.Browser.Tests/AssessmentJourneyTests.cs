using CipnCare.Browser.Tests.Infrastructure;
using CipnCare.Web.Features.Accounts;
using Microsoft.Playwright;

namespace CipnCare.Browser.Tests;

/// <summary>A clinician fills in an exam with the keyboard alone, corrects an impossible value, and sees the derived scores.</summary>
public sealed class AssessmentJourneyTests(LiveApp app, Chromium chromium) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task Exam_TabOrderFollowsTheExam_AndCanBeFilledWithTheKeyboardAlone()
    {
        var team = await app.CreateTeamAsync();
        var (patientId, _) = await app.CreatePatientAsync(team, withLogin: false); // a woman of 66
        var clinician = await app.CreateUserAsync(Roles.Clinician, team);
        var page = await chromium.NewPageAsync(app.BaseUrl);
        await Journeys.SignInAsync(page, clinician);
        await page.GotoAsync($"/patients/{patientId}");
        await Journeys.TabUntilAsync(page, "Record an assessment");
        await page.Keyboard.PressAsync("Enter");
        await Journeys.ArriveAsync(page, $"**/patients/{patientId}/assessments/new");

        // The tab order follows the exam: skin, symptoms, sensation (left then right), strength, reflexes, function, blood pressure, grades.
        var order = await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('form.exam-form input:not([type=hidden]), form.exam-form select, form.exam-form textarea')).map(e => e.id)");
        var expected = new[] { "visitDate", "skin-cuts", "sensorySymptoms", "auto-none", "pin-feet-left", "pin-feet-right", "mrc-AnkleDorsiflexion-left", "mrc-AnkleDorsiflexion-right", "reflex-Ankle-left", "romberg", "tug", "chairStands", "balance-tandem", "peg-left", "supine-systolic", "standing1-systolic", "ctcaeSensory-2", "notes" };
        Assert.Equal(expected, order.Where(expected.Contains));
        Assert.Empty(await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('[tabindex]')).filter(e => e.tabIndex > 0).map(e => e.id)"));

        async Task TypeAsync(string id, string text)
        {
            await Journeys.TabUntilAsync(page, id);
            await page.Keyboard.PressAsync("Control+A");
            await page.Keyboard.TypeAsync(text);
        }

        async Task ArrowAsync(string id, int presses)
        {
            await Journeys.TabUntilAsync(page, id);
            for (var i = 0; i < presses; i++)
            {
                await page.Keyboard.PressAsync("ArrowDown");
            }
        }

        await ArrowAsync("pin-feet-left", 3);  // Not tested → Normal → toes → up to the ankle
        await ArrowAsync("pin-feet-right", 3);
        await TypeAsync("mrc-AnkleDorsiflexion-left", "7"); // impossible: corrected below
        await TypeAsync("mrc-AnkleDorsiflexion-right", "5");
        await TypeAsync("reflex-Ankle-left", "1");
        await TypeAsync("reflex-Ankle-right", "1");
        await TypeAsync("tug", "13.2");
        await TypeAsync("chairStands", "9");
        await TypeAsync("balance-tandem", "6");
        await TypeAsync("supine-systolic", "134");
        await TypeAsync("supine-diastolic", "82");
        await TypeAsync("standing1-systolic", "112");
        await TypeAsync("standing1-diastolic", "80");
        await ArrowAsync("ctcaeSensory-none", 3); // Not graded → 0 → 1 → 2
        await Journeys.TabUntilAsync(page, "Save assessment");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Ankle dorsiflexion: MRC grades are 0 (no movement) to 5 (normal power)." })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#tug")).ToHaveValueAsync("13.2"); // nothing typed is lost
        await Assertions.Expect(page.Locator("#pin-feet-left")).ToHaveValueAsync("WristOrAnkle");
        await Assertions.Expect(page.Locator("#ctcaeSensory-2")).ToBeCheckedAsync();
        await Chromium.AssertAccessibleAsync(page);

        await page.Locator("body").FocusAsync();
        await TypeAsync("mrc-AnkleDorsiflexion-left", "4");
        await Journeys.TabUntilAsync(page, "Save assessment");
        await page.Keyboard.PressAsync("Enter");

        await Journeys.ArriveAsync(page, $"**/patients/{patientId}/assessments/*?saved=1");
        await Assertions.Expect(page.GetByText("Assessment saved.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("yes — systolic fell 22 mmHg, diastolic 2 mmHg")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("not complete (3 of 7 items)")).ToBeVisibleAsync(); // pin 2, strength 1, reflexes 1
        await Assertions.Expect(page.GetByText("30-second chair stand 9 (below average for a woman aged 66: under 11)", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("sensory 2, motor –")).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
    }
}
