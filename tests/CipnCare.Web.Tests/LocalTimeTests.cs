using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.CareTeams;
using CipnCare.Web.Features.Exposure;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Tests;

/// <summary>
/// Local time (issue #13): each care team has an IANA zone; times people type and read are on its clock, storage is UTC,
/// and date-only checks use the team's date. A team in Asia/Tokyo and one in America/Los_Angeles, around midnight and
/// the daylight-saving changes.
/// </summary>
public sealed class LocalTimeTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Moves the clock forward to the next time it is <paramref name="hour"/>:<paramref name="minute"/> UTC (the clock never goes back).</summary>
    private DateTime AdvanceToUtc(int hour, int minute)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var target = now.Date.AddHours(hour).AddMinutes(minute);
        app.Clock.Advance((target > now ? target : target.AddDays(1)) - now);
        return app.Clock.GetUtcNow().UtcDateTime;
    }

    private async Task<(Guid Team, Guid Patient, TestUser Clinician)> TeamInAsync(string zone)
    {
        var team = await app.CreateTeamAsync();
        await app.WithDbAsync(db => db.CareTeams.Where(t => t.Id == team).ExecuteUpdateAsync(t => t.SetProperty(x => x.TimeZone, zone)));
        var (patient, _) = await app.CreatePatientAsync(team, withLogin: false);
        return (team, patient, await app.CreateUserAsync(Roles.Clinician, team));
    }

    private async Task<HttpStatusCode> LabTakenOnAsync(TestUser clinician, Guid patient, DateOnly takenOn) =>
        (await (await app.ClientForAsync(clinician)).PostAsJsonAsync($"/api/patients/{patient}/diagnostics", new { code = "b12", takenOn = Day(takenOn), value = 400 }, Ct)).StatusCode;

    [Fact]
    public async Task AtHalfPastEightInTokyo_TodayIsTokyosDate_ThoughUtcIsStillYesterday()
    {
        var now = AdvanceToUtc(23, 30); // 08:30 the next day in Tokyo
        var tokyoToday = DateOnly.FromDateTime(now).AddDays(1);
        var (_, tokyo, tokyoClinician) = await TeamInAsync("Asia/Tokyo");
        var (_, utc, utcClinician) = await TeamInAsync("UTC");

        Assert.Equal(HttpStatusCode.Created, await LabTakenOnAsync(tokyoClinician, tokyo, tokyoToday)); // was refused as "in the future"
        Assert.Equal(HttpStatusCode.BadRequest, await LabTakenOnAsync(utcClinician, utc, tokyoToday));
        var form = await (await HtmlForms.SignInAsync(app, tokyoClinician, Ct)).GetStringAsync($"/patients/{tokyo}/diagnostics", Ct);
        Assert.Contains($"value=\"{Day(tokyoToday)}\"", form, StringComparison.Ordinal); // the date field starts at Tokyo's today
    }

    [Fact]
    public async Task AtHalfPastElevenAtNightInLosAngeles_UtcsTomorrowIsStillTheFuture()
    {
        var now = AdvanceToUtc(7, 30); // 23:30 the day before in Los Angeles (PST, UTC−8)
        var utcToday = DateOnly.FromDateTime(now);
        var (_, patient, clinician) = await TeamInAsync("America/Los_Angeles");

        Assert.Equal(HttpStatusCode.BadRequest, await LabTakenOnAsync(clinician, patient, utcToday)); // tomorrow in Los Angeles
        Assert.Equal(HttpStatusCode.Created, await LabTakenOnAsync(clinician, patient, utcToday.AddDays(-1)));
    }

    [Fact]
    public async Task ADoseTimeIsTypedAndReadOnTheTeamsClock_AndStoredInUtc()
    {
        var now = AdvanceToUtc(3, 0); // 12:00 in Tokyo
        var (_, patient, clinician) = await TeamInAsync("Asia/Tokyo");
        var pages = await HtmlForms.SignInAsync(app, clinician, Ct);
        var tokyoToday = DateOnly.FromDateTime(now.AddHours(9));
        var url = $"/patients/{patient}/exposure";

        var form = WebUtility.HtmlDecode(await pages.GetStringAsync(url, Ct));
        var saved = await HtmlForms.SubmitAsync(pages, url, "dose",
            [new("agentCode", "thalidomide"), new("administeredAt", $"{Day(tokyoToday)}T08:00"), new("amount", "100"), new("unit", "Mg"), new("route", "Oral")], Ct);
        var page = WebUtility.HtmlDecode(await saved.Content.ReadAsStringAsync(Ct));
        var stored = await (await app.ClientForAsync(clinician)).GetFromJsonAsync<List<DoseHistoryView>>($"/api/patients/{patient}/administrations", CipnApp.Json, Ct);

        Assert.Contains("Given at (Asia/Tokyo time)", form, StringComparison.Ordinal);
        Assert.DoesNotContain("(UTC)", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(tokyoToday.ToDateTime(new TimeOnly(8, 0)).AddHours(-9), Assert.Single(stored!).AdministeredAt); // 08:00 JST = 23:00 UTC the day before
        Assert.Contains($"{tokyoToday.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}, 08:00 (Asia/Tokyo)", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADoseTimeTheClocksSkippedOrRepeated_IsRefusedWithTheReason()
    {
        var (_, patient, clinician) = await TeamInAsync("America/Los_Angeles");
        var pages = await HtmlForms.SignInAsync(app, clinician, Ct);
        var url = $"/patients/{patient}/exposure";
        KeyValuePair<string, string>[] Dose(string at) => [new("agentCode", "thalidomide"), new("administeredAt", at), new("amount", "100"), new("unit", "Mg"), new("route", "Oral")];

        var repeated = WebUtility.HtmlDecode(await (await HtmlForms.SubmitAsync(pages, url, "dose", Dose("2026-11-01T01:30"), Ct)).Content.ReadAsStringAsync(Ct));
        var skipped = WebUtility.HtmlDecode(await (await HtmlForms.SubmitAsync(pages, url, "dose", Dose("2026-03-08T02:30"), Ct)).Content.ReadAsStringAsync(Ct));

        Assert.Contains("01:30 happened twice on 1 Nov 2026 in America/Los_Angeles: the clocks went back.", repeated, StringComparison.Ordinal);
        Assert.Contains("02:30 did not happen on 8 Mar 2026 in America/Los_Angeles: the clocks went forward.", skipped, StringComparison.Ordinal);
        Assert.Contains("The second time (after the clocks went back)", repeated, StringComparison.Ordinal); // the form asks which
        Assert.Equal(0, await app.WithDbAsync(db => db.DoseAdministrations.CountAsync(d => d.PatientId == patient)));

        var answered = await HtmlForms.SubmitAsync(pages, url, "dose", [.. Dose("2026-11-01T01:30"), new("occurrence", "second")], Ct);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(new DateTime(2026, 11, 1, 9, 30, 0, DateTimeKind.Utc), await app.WithDbAsync(db => db.DoseAdministrations.Where(d => d.PatientId == patient).Select(d => d.AdministeredAt).SingleAsync()));
    }

    [Fact]
    public async Task OnceDaily_TwoDosesOnTheTeamsSameDay_NeedAcknowledging()
    {
        var now = AdvanceToUtc(12, 0); // 21:00 in Tokyo
        var (_, patient, clinician) = await TeamInAsync("Asia/Tokyo");
        var api = await app.ClientForAsync(clinician);
        Task<HttpResponseMessage> DoseAsync(DateTime at) =>
            api.PostAsJsonAsync($"/api/patients/{patient}/administrations", new { agentCode = "lenalidomide", administeredAt = at, amount = 25, unit = "Mg", route = "Oral" }, Ct);

        var morning = await DoseAsync(now.AddHours(-13)); // 08:00 Tokyo
        var evening = await DoseAsync(now); // 21:00 Tokyo, 13 h later, the same day

        Assert.Equal(HttpStatusCode.Created, morning.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, evening.StatusCode);
        Assert.Contains("recorded on the same day, at ", await evening.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLastDosesDate_IsTheTeamsDate()
    {
        var now = AdvanceToUtc(16, 0); // 01:00 the next day in Tokyo
        var (_, patient, clinician) = await TeamInAsync("Asia/Tokyo");
        var api = await app.ClientForAsync(clinician);
        var dose = await api.PostAsJsonAsync($"/api/patients/{patient}/administrations", new { agentCode = "thalidomide", administeredAt = now.AddHours(-1), amount = 100, unit = "Mg", route = "Oral" }, Ct);

        var schedule = await api.GetFromJsonAsync<CipnCare.Web.Features.Schedules.ScheduleView>($"/api/patients/{patient}/schedule", CipnApp.Json, Ct);

        Assert.Equal(HttpStatusCode.Created, dose.StatusCode);
        Assert.Equal(DateOnly.FromDateTime(now).AddDays(1), schedule!.TreatmentEndedOn); // 00:00 in Tokyo: already the next day
    }

    [Fact]
    public async Task AWeightMeasuredToday_CountsFromTheTeamsMidnight()
    {
        var now = AdvanceToUtc(23, 30); // 08:30 the next day in Tokyo
        var tokyoToday = DateOnly.FromDateTime(now).AddDays(1);
        var (_, patient, clinician) = await TeamInAsync("Asia/Tokyo");
        var pages = await HtmlForms.SignInAsync(app, clinician, Ct);

        var saved = WebUtility.HtmlDecode(await (await HtmlForms.SubmitAsync(pages, $"/patients/{patient}/exposure", "body",
            [new("measuredAt", Day(tokyoToday)), new("heightCm", "170"), new("weightKg", "70")], Ct)).Content.ReadAsStringAsync(Ct));

        Assert.Contains("Height and weight saved.", saved, StringComparison.Ordinal); // not "in the future"
        Assert.Equal(tokyoToday.ToDateTime(TimeOnly.MinValue).AddHours(-9), await app.WithDbAsync(db => db.BodyMeasurements.Where(m => m.PatientId == patient).Select(m => m.MeasuredAt).SingleAsync()));
    }

    [Fact]
    public async Task ACarersAccessUntilADay_LastsThroughThatDay_OnTheTeamsCalendar_AndEveryoneReadsTheSameDay()
    {
        var now = AdvanceToUtc(15, 0); // 10:00 in New York (EST, UTC−5)
        var (_, patient, clinician) = await TeamInAsync("America/New_York");
        var until = DateOnly.FromDateTime(now).AddDays(10);
        var email = $"carer-{Guid.NewGuid():N}@example.org";

        var invited = await (await app.ClientForAsync(clinician)).PostAsJsonAsync($"/api/patients/{patient}/caregivers/invitations",
            new { email, relationship = "Son", scope = "ViewOnly", accessUntil = Day(until) }, Ct);
        var invitation = await app.WithDbAsync(db => db.CaregiverInvitations.AsNoTracking().SingleAsync(i => i.PatientId == patient));
        var mail = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.To == email));

        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        Assert.Equal(until.AddDays(1).ToDateTime(TimeOnly.MinValue).AddHours(5), invitation.AccessExpiresAt); // New York's midnight after the last day
        Assert.Contains($"until {until.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} (the last day of access)", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAuditPagesDays_AreOnItsClock()
    {
        var now = AdvanceToUtc(23, 30); // 08:30 the next day in Tokyo
        var tokyoToday = DateOnly.FromDateTime(now).AddDays(1);
        var (team, patient, clinician) = await TeamInAsync("Asia/Tokyo");
        await (await app.ClientForAsync(clinician)).GetAsync($"/api/patients/{patient}/check-ins", Ct); // audited now: Tokyo's today, UTC's yesterday
        var admin = await HtmlForms.SignInAsync(app, await app.CreateUserAsync(Roles.Admin, team), Ct);

        var today = WebUtility.HtmlDecode(await admin.GetStringAsync($"/admin/audit?patientId={patient}&from={Day(tokyoToday)}&to={Day(tokyoToday)}", Ct));
        var utcToday = WebUtility.HtmlDecode(await admin.GetStringAsync($"/admin/audit?patientId={patient}&from={Day(tokyoToday.AddDays(-1))}&to={Day(tokyoToday.AddDays(-1))}", Ct));

        Assert.Contains("are on Asia/Tokyo time", today, StringComparison.Ordinal);
        Assert.Contains("(Asia/Tokyo)", today, StringComparison.Ordinal); // an event listed, with its zone
        Assert.DoesNotContain("(Asia/Tokyo)", utcToday, StringComparison.Ordinal); // nothing on Tokyo's yesterday
    }

    [Fact]
    public async Task TheAdminSetsTheTeamsZone_ByItsIanaName()
    {
        var team = await app.CreateTeamAsync();
        var admin = await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin));
        object Body(string? zone) => new { reviewHours = "Monday to Friday, 8:00 to 18:00", emergencyNumber = "119", crisisLine = "0570-064-556", timeZone = zone };

        var saved = await admin.PutAsJsonAsync($"/api/admin/care-teams/{team}/settings", Body("Asia/Tokyo"), Ct);
        var unknown = await admin.PutAsJsonAsync($"/api/admin/care-teams/{team}/settings", Body("Mars/Olympus_Mons"), Ct);
        var kept = await admin.PutAsJsonAsync($"/api/admin/care-teams/{team}/settings", Body(null), Ct);

        Assert.Equal("Asia/Tokyo", (await saved.Content.ReadFromJsonAsync<TeamSettings>(CipnApp.Json, Ct))!.TimeZone);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("\"timeZone\"", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("Asia/Tokyo", (await kept.Content.ReadFromJsonAsync<TeamSettings>(CipnApp.Json, Ct))!.TimeZone); // left out = unchanged
    }
}
