using CipnCare.Browser.Tests.Infrastructure;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Demo;
using CipnCare.Web.Features.Guidance;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CipnCare.Browser.Tests;

/// <summary>
/// Every page at a 320 px phone and a 1280 px desktop (issue #20), as each role that may see it, on the demo: no serious
/// or critical axe violation, no sideways scrolling (WCAG 1.4.10 reflow), and every control at least 44 × 44 px (our users
/// have numb fingers; links inside a sentence are exempt, as WCAG 2.5.8 exempts inline targets). Two pages need a
/// journey to reach and are checked there: the MFA code page (<c>MfaJourneyTests</c>) and the SMART consent screen
/// (<c>SmartLaunchJourneyTests</c>). Axe runs once per page and role, at the width the role mostly uses (a phone for
/// patients, carers and visitors, a desk for staff): reflow and target sizes depend on the width, axe's rules on the
/// markup, which is the same at both. Each page is loaded once and measured at both widths — the window is resized
/// between, as a phone turned sideways is, and the browser lays the page out again (issue #14: CI time; loading each
/// page twice was a third of these tests' CPU).
/// </summary>
public sealed class EveryPageTests(LiveDemoApp app, Chromium chromium)
{
    private const int Phone = 320;
    private const int Desk = 1280;

    [Theory]
    [InlineData("anonymous")]
    [InlineData(Roles.Patient)]
    [InlineData(Roles.Caregiver)]
    [InlineData(Roles.Clinician)]
    [InlineData(Roles.Admin)]
    public Task EveryPage_AtAPhoneAndADesk_ReflowsIsAccessibleAndHasLargeTargets(string role) =>
        CheckEveryPageAsync(role, role is Roles.Clinician or Roles.Admin ? [Desk, Phone] : [Phone, Desk], "en");

    /// <summary>Spanish words are longer: every page a patient or carer reads, in Spanish on a 320 px phone (issue #20).</summary>
    [Theory]
    [InlineData("anonymous")]
    [InlineData(Roles.Patient)]
    [InlineData(Roles.Caregiver)]
    public Task EveryPatientAndCarerPage_InSpanish_ReflowsIsAccessibleAndHasLargeTargets(string role) => CheckEveryPageAsync(role, [Phone], "es");

    /// <summary>
    /// Checks every page <paramref name="role"/> may see in <paramref name="language"/>, measured at each of
    /// <paramref name="widths"/>; the first is the width the role mostly uses, where each page is loaded and axe runs.
    /// </summary>
    private async Task CheckEveryPageAsync(string role, int[] widths, string language)
    {
        var routes = await RoutesAsync(role);
        // Axe once per page template and role (issue #14): in English, at the width the role mostly uses. The Spanish pages are
        // the same markup with other words; what the words can break (sideways scrolling, small targets, the page's lang) is
        // checked below in both languages.
        var runAxe = language == "en";
        var width = widths[0];
        var page = await chromium.NewPageAsync(app.BaseUrl, width: width, height: Height(width));
        if (role != "anonymous")
        {
            var email = role switch
            {
                Roles.Patient => DemoSeeder.PatientEmail,
                Roles.Caregiver => DemoSeeder.CaregiverEmail,
                Roles.Clinician => DemoSeeder.ClinicianEmail,
                _ => DemoSeeder.AdminEmail,
            };
            await Journeys.SignInAsync(page, new TestUser("", email, DemoSeeder.Password, role, ""));
        }

        await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Accept-Language"] = language }); // after signing in: the sign-in journey reads English

        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var route in routes)
        {
            if (width != widths[0])
            {
                await ResizeAsync(page, width = widths[0]); // each page is loaded at the role's own width, where axe runs
            }

            var response = await page.GotoAsync(route);
            var expected = route == UnknownInvitation ? 404 : 200; // a link that leads nowhere still gets a whole, accessible page
            if (response?.Status != expected)
            {
                problems.Add($"{route}: HTTP {response?.Status}, expected {expected}");
                continue;
            }

            if (!seen.Add(new Uri(page.Url).PathAndQuery))
            {
                continue; // a redirect to a page checked already ("/" leads most roles to one of their pages)
            }

            if (await page.Locator("h1").CountAsync() == 0)
            {
                problems.Add($"{route}: no heading (is it the page meant?)");
            }

            if (await page.Locator("html").GetAttributeAsync("lang") != language)
            {
                problems.Add($"{route}: not in the browser's language ({language})");
            }

            if (runAxe)
            {
                try
                {
                    await Chromium.AssertAccessibleAsync(page);
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    problems.Add($"{route}: {e.Message}");
                }
            }

            foreach (var each in widths)
            {
                if (each != width)
                {
                    await ResizeAsync(page, width = each);
                }

                var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                if (scrollWidth > width)
                {
                    var widest = await page.EvaluateAsync<string>(Widest, width);
                    problems.Add($"{route}: {scrollWidth} px wide at {width} px (scrolls sideways; widest: {widest})");
                }

                foreach (var small in await page.EvaluateAsync<string[]>(SmallTargets))
                {
                    problems.Add($"{route} at {width} px: target smaller than 44 × 44 px: {small}");
                }
            }
        }

        Assert.True(problems.Count == 0, $"{role} at {string.Join(" and ", widths)} px in {language}, {routes.Count} pages:\n" + string.Join("\n", problems));
    }

    private static int Height(int width) => width < 400 ? 700 : 900;

    /// <summary>Resizes the window; the page is laid out again at the new width before the next script runs.</summary>
    private static Task ResizeAsync(Microsoft.Playwright.IPage page, int width) =>
        page.SetViewportSizeAsync(width, Height(width));

    private const string UnknownInvitation = "/invitations/not-a-real-invitation";

    /// <summary>The pages <paramref name="role"/> may see in the demo, with the demo's own ids filled in.</summary>
    private async Task<List<string>> RoutesAsync(string role)
    {
        var guidance = $"/guidance/{app.Services.GetRequiredService<GuidanceLibrary>().All.First().Slug}"; // one page of the route: they share one template
        var ids = await app.WithDbAsync(async db =>
        {
            var maria = await DemoPeople.MariaAsync(db);
            var walter = await DemoPeople.WalterAsync(db);
            var visit = await db.AssessmentVersions.Where(a => a.SupersededAt == null).Select(a => new { a.PatientId, a.VisitId }).FirstAsync();
            var thread = await db.MessageThreads.Where(t => t.PatientId == maria).Select(t => t.Id).FirstAsync();
            var response = await db.InstrumentResponses.Where(r => r.PatientId == maria).OrderByDescending(r => r.AuthoredAt).Select(r => r.Id).FirstAsync();
            var instrument = await db.Instruments.Where(i => i.Url != Web.Features.Instruments.InstrumentLibrary.CheckInUrl && i.Status == "active").Select(i => i.Id).FirstAsync();
            var team = await db.CareTeams.Select(t => t.Id).FirstAsync();
            return (maria, walter, visit.PatientId, visit.VisitId, thread, response, instrument, team);
        });
        var (maria, walter, examined, visitId, thread, response, instrument, team) = ids;
        string[] patientPages(Guid p) => [$"/patients/{p}", $"/patients/{p}/check-in", $"/patients/{p}/progress", $"/patients/{p}/messages", $"/patients/{p}/care-plan", $"/patients/{p}/questionnaires/{instrument}"];
        return role switch
        {
            "anonymous" => ["/account/login", "/account/forgot-password", "/account/reset-password", "/account/access-denied", UnknownInvitation, "/status/404", "/error", "/guidance", guidance],
            Roles.Patient => ["/", .. patientPages(maria), $"/messages/{thread}", $"/responses/{response}", $"/patients/{maria}/visit-summary", "/account/security", "/guidance"],
            Roles.Caregiver => ["/", .. patientPages(walter), "/account/security"],
            Roles.Clinician => [
                "/", "/worklist", "/patients", "/patients/new", .. patientPages(maria), $"/messages/{thread}", $"/responses/{response}",
                $"/patients/{maria}/exposure", $"/patients/{maria}/diagnostics", $"/patients/{maria}/visit-summary", $"/patients/{maria}/assessments/new",
                $"/patients/{examined}", $"/patients/{examined}/assessments/{visitId}", $"/patients/{examined}/assessments/{visitId}/edit",
                "/emergency-access", "/messages", "/account/security"],
            _ => ["/", "/patients", "/patients/new", "/admin/teams", $"/admin/teams/{team}/settings", "/admin/instruments", "/admin/smart-apps", $"/admin/smart-apps?remove={DemoSeeder.DemoSmartClientId}", "/admin/audit", "/emergency-access", "/account/security"],
        };
    }

    /// <summary>
    /// Where the overflow starts: the outermost elements that stick out past the viewport's right edge while their parent
    /// does not (tag, class, right edge), to say what to fix.
    /// </summary>
    private const string Widest = """
        width => {
          const name = e => `${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().replace(/\s+/g, '.') : ''}`;
          const out = [];
          for (const e of document.body.querySelectorAll('*')) {
            const r = e.getBoundingClientRect(), p = e.parentElement.getBoundingClientRect();
            if (r.right > width + 0.5 && p.right <= width + 0.5 && getComputedStyle(e).position !== 'fixed')
              out.push(`${name(e.parentElement)} > ${name(e)} to ${Math.round(r.right)} px`);
          }
          return out.slice(0, 4).join('; ') || 'none found';
        }
        """;

    /// <summary>
    /// Visible controls under 44 × 44 px. A radio or checkbox counts with its label (the label is what is tapped); a link
    /// inside a run of text is exempt (WCAG 2.5.8's inline exception), a link on its own is not.
    /// </summary>
    private const string SmallTargets = """
        () => {
          const small = [];
          const inSentence = a => {
            const parent = a.parentElement;
            return parent && (parent.textContent || '').trim().length > (a.textContent || '').trim().length + 3 && getComputedStyle(a).display === 'inline';
          };
          for (const e of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')) {
            if (e.getClientRects().length === 0 || getComputedStyle(e).visibility === 'hidden' || e.closest('[hidden]')) continue;
            if (e.tagName === 'A' && inSentence(e)) continue;
            let r = e.getBoundingClientRect();
            if ((e.type === 'radio' || e.type === 'checkbox') && (e.labels || []).length > 0) {
              const l = e.labels[0].getBoundingClientRect();
              if (l.width * l.height > r.width * r.height) r = l;
            }
            if (r.width < 1 || r.height < 1) continue; // visually hidden (a skip link until focused)
            if (r.width < 43.5 || r.height < 43.5) {
              const name = (e.getAttribute('aria-label') || e.textContent || e.name || e.id || '').trim().replace(/\s+/g, ' ').slice(0, 40);
              small.push(`${e.tagName.toLowerCase()}${e.type && e.tagName !== 'A' ? '[' + e.type + ']' : ''} "${name}" ${Math.round(r.width)}×${Math.round(r.height)}`);
            }
          }
          return small;
        }
        """;
}
