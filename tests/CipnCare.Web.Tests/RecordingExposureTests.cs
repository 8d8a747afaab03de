using System.Net;
using System.Net.Http.Json;
using CipnCare.Clinical.Exposure;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Exposure;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Tests;

public abstract class RecordingExposureTests(CipnApp app)
{
    /// <summary>The 409 problem for a dose with findings: RFC 9457 fields plus the findings.</summary>
    private sealed record AcknowledgementNeeded(string Title, int Status, string Detail, IReadOnlyList<DoseFinding> Findings);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTime DaysAgo(double days) => app.Clock.GetUtcNow().UtcDateTime.AddDays(-days);

    /// <summary>A clinician and a team patient 180 cm / 80 kg (BSA 2.0 m²), measured 100 days ago.</summary>
    private async Task<(HttpClient Clinician, Guid Patient)> PatientWithBodyAsync()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team, withLogin: false);
        var clinician = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        var body = await clinician.PostAsJsonAsync($"/api/patients/{patient}/body-measurements", new { measuredAt = DaysAgo(100), heightCm = 180, weightKg = 80 }, Ct);
        Assert.Equal(HttpStatusCode.Created, body.StatusCode);
        return (clinician, patient);
    }

    private static Task<HttpResponseMessage> DoseAsync(HttpClient client, Guid patient, string agent, DateTime at, double amount, string unit, bool acknowledge = false, string? reason = null) =>
        client.PostAsJsonAsync($"/api/patients/{patient}/administrations", new { agentCode = agent, administeredAt = at, amount, unit, route = "IV", acknowledge, acknowledgementReason = reason }, Ct);

    [Fact]
    public async Task Folfox_SixCycles_ShowsCumulativeBandAndProjection()
    {
        var (clinician, patient) = await PatientWithBodyAsync();
        var plan = await clinician.PostAsJsonAsync($"/api/patients/{patient}/regimen", new { agentCode = "oxaliplatin", dose = 85, unit = "MgPerM2", route = "IV", intervalDays = 14, cycles = 12 }, Ct);
        Assert.Equal(HttpStatusCode.Created, plan.StatusCode);
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await DoseAsync(clinician, patient, "oxaliplatin", DaysAgo(84 - (i * 14)), 85, "MgPerM2")).StatusCode);
        }

        var summary = await clinician.GetFromJsonAsync<ExposureSummary>($"/api/patients/{patient}/exposure", CipnApp.Json, Ct);

        var oxaliplatin = Assert.Single(summary!.Agents);
        Assert.Equal((6, 510.0, 1020.0, 60.0), (oxaliplatin.Doses, oxaliplatin.CumulativeInBasis, oxaliplatin.CumulativeMg, oxaliplatin.PercentOfThreshold!.Value));
        Assert.Equal("below threshold", oxaliplatin.RiskBand);
        Assert.Equal(1020, oxaliplatin.ProjectedInBasis);
        Assert.Equal("high", oxaliplatin.ProjectedRiskBand);
        Assert.Equal("32592", oxaliplatin.RxNormCode);
        Assert.Equal(14, oxaliplatin.DaysSinceLastDose);
    }

    [Fact]
    public async Task DoseWithFindings_Is409AndNotStored_UntilAcknowledgedWithAReason()
    {
        var (clinician, patient) = await PatientWithBodyAsync();
        for (var i = 0; i < 6; i++)
        {
            await DoseAsync(clinician, patient, "oxaliplatin", DaysAgo(98 - (i * 14)), 85, "MgPerM2");
        }

        var refused = await DoseAsync(clinician, patient, "oxaliplatin", DaysAgo(14), 85, "MgPerM2");
        var noReason = await DoseAsync(clinician, patient, "oxaliplatin", DaysAgo(14), 85, "MgPerM2", acknowledge: true);
        var countBefore = await app.WithDbAsync(db => db.DoseAdministrations.CountAsync(a => a.PatientId == patient));
        var accepted = await DoseAsync(clinician, patient, "oxaliplatin", DaysAgo(14), 85, "MgPerM2", acknowledge: true, reason: "Discussed with patient; continue and review.");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var body = await refused.Content.ReadFromJsonAsync<AcknowledgementNeeded>(CipnApp.Json, Ct);
        var finding = Assert.Single(body!.Findings);
        Assert.Equal((DoseRule.CrossesRiskBand, FindingSeverity.Moderate), (finding.Rule, finding.Severity));
        Assert.Equal(HttpStatusCode.Conflict, noReason.StatusCode);
        Assert.Equal(6, countBefore);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        var summary = await clinician.GetFromJsonAsync<ExposureSummary>($"/api/patients/{patient}/exposure", CipnApp.Json, Ct);
        Assert.Equal("elevated", summary!.Agents[0].RiskBand);
        var kept = Assert.Single(summary.Findings);
        Assert.Equal("Discussed with patient; continue and review.", kept.AcknowledgementReason);
        Assert.Contains("crossing 550 mg/m²", kept.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TripledDose_AgainstThePlan_IsRefusedWithAPlanFinding()
    {
        var (clinician, patient) = await PatientWithBodyAsync();
        await clinician.PostAsJsonAsync($"/api/patients/{patient}/regimen", new { agentCode = "oxaliplatin", dose = 85, unit = "MgPerM2", intervalDays = 14, cycles = 12 }, Ct);

        var response = await DoseAsync(clinician, patient, "oxaliplatin", DaysAgo(1), 255, "MgPerM2");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var findings = (await response.Content.ReadFromJsonAsync<AcknowledgementNeeded>(CipnApp.Json, Ct))!.Findings;
        Assert.Contains(findings, f => f.Rule == DoseRule.AbovePlannedDose && f.Message.Contains("200% above the planned 170 mg", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UncappedVincristine_IsAHighFinding()
    {
        var (clinician, patient) = await PatientWithBodyAsync();

        var response = await DoseAsync(clinician, patient, "vincristine", DaysAgo(1), 1.4, "MgPerM2");

        var finding = Assert.Single((await response.Content.ReadFromJsonAsync<AcknowledgementNeeded>(CipnApp.Json, Ct))!.Findings);
        Assert.Equal((DoseRule.AbovePerDoseCap, FindingSeverity.High), (finding.Rule, finding.Severity));
        Assert.Equal("Vincristine 2.8 mg is above the 2 mg single-dose maximum.", finding.Message);
    }

    [Theory]
    [InlineData("aspirin", 85.0, "MgPerM2", 1.0, "agentCode")]
    [InlineData("oxaliplatin", 0.0, "MgPerM2", 1.0, "amount")]
    [InlineData("oxaliplatin", 85.0, null, 1.0, "unit")]
    [InlineData("oxaliplatin", 85.0, "MgPerM2", -2.0, "administeredAt")] // two days in the future
    public async Task BadDose_Is400NamingTheField_NothingStored(string agent, double amount, string? unit, double daysAgo, string field)
    {
        var (clinician, patient) = await PatientWithBodyAsync();

        var response = await clinician.PostAsJsonAsync($"/api/patients/{patient}/administrations", new { agentCode = agent, administeredAt = DaysAgo(daysAgo), amount, unit }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>(CipnApp.Json, Ct);
        Assert.Contains(field, problem!.Errors.Keys);
        Assert.Equal(0, await app.WithDbAsync(db => db.DoseAdministrations.CountAsync(a => a.PatientId == patient)));
    }

    [Theory]
    [InlineData(null, 181.8)] // Mosteller, the default: 100 mg/m² × 1.8181 m²
    [InlineData("DuBois", 181.0)] // 100 mg/m² × 1.8097 m²
    public async Task ChosenBsaFormula_IsUsedForConversion(string? formula, double expectedMg)
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team, withLogin: false);
        var clinician = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        if (formula is not null)
        {
            Assert.Equal(HttpStatusCode.Created, (await clinician.PutAsJsonAsync($"/api/patients/{patient}/bsa-formula", new { bsaFormula = formula }, Ct)).StatusCode);
        }

        await clinician.PostAsJsonAsync($"/api/patients/{patient}/body-measurements", new { measuredAt = DaysAgo(10), heightCm = 170, weightKg = 70 }, Ct);
        await DoseAsync(clinician, patient, "docetaxel", DaysAgo(1), 100, "MgPerM2");

        var summary = await clinician.GetFromJsonAsync<ExposureSummary>($"/api/patients/{patient}/exposure", CipnApp.Json, Ct);

        Assert.Equal(expectedMg, summary!.Agents[0].CumulativeMg);
        Assert.Equal(formula ?? "Mosteller", summary.BsaFormula);
    }

    [Fact]
    public async Task CorrectingADose_KeepsTheOriginalOnRecord_AndCountsOnlyTheCorrection()
    {
        var (clinician, patient) = await PatientWithBodyAsync();
        var at = DaysAgo(3);
        var created = await DoseAsync(clinician, patient, "docetaxel", at, 85, "MgPerM2");
        var originalId = (await created.Content.ReadFromJsonAsync<ExposureApi.Created>(CipnApp.Json, Ct))!.Id;

        var correction = await clinician.PostAsJsonAsync($"/api/patients/{patient}/administrations/{originalId}/corrections",
            new { agentCode = "docetaxel", administeredAt = at, amount = 75, unit = "MgPerM2", route = "IV", correctionReason = "Typed 85; the prescription and bag were 75 mg/m²." }, Ct);
        var again = await clinician.PostAsJsonAsync($"/api/patients/{patient}/administrations/{originalId}/corrections",
            new { agentCode = "docetaxel", administeredAt = at, amount = 70, unit = "MgPerM2", correctionReason = "Second try" }, Ct);
        var noReason = await clinician.PostAsJsonAsync($"/api/patients/{patient}/administrations/{originalId}/corrections",
            new { agentCode = "docetaxel", administeredAt = at, amount = 70, unit = "MgPerM2" }, Ct);

        Assert.Equal(HttpStatusCode.Created, correction.StatusCode); // the original at the same time is not a "duplicate"
        Assert.Empty((await correction.Content.ReadFromJsonAsync<ExposureApi.Created>(CipnApp.Json, Ct))!.AcknowledgedFindings);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("already corrected", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var summary = await clinician.GetFromJsonAsync<ExposureSummary>($"/api/patients/{patient}/exposure", CipnApp.Json, Ct);
        Assert.Equal((1, 75.0), (summary!.Agents[0].Doses, summary.Agents[0].CumulativeInBasis));
        var history = await clinician.GetFromJsonAsync<List<DoseHistoryView>>($"/api/patients/{patient}/administrations", CipnApp.Json, Ct);
        Assert.Equal(2, history!.Count);
        var original = history.Single(h => h.Id == originalId);
        var corrected = history.Single(h => h.Id != originalId);
        Assert.NotNull(original.SupersededAt);
        Assert.Equal((originalId, "Typed 85; the prescription and bag were 75 mg/m²."), (corrected.CorrectsId!.Value, corrected.CorrectionReason!));
    }

    [Fact]
    public async Task RevisingThePlan_KeepsEveryVersion_AndTheNewestCounts()
    {
        var (clinician, patient) = await PatientWithBodyAsync();
        await clinician.PostAsJsonAsync($"/api/patients/{patient}/regimen", new { agentCode = "oxaliplatin", dose = 85, unit = "MgPerM2", route = "IV", intervalDays = 14, cycles = 12 }, Ct);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await clinician.PostAsJsonAsync($"/api/patients/{patient}/regimen", new { agentCode = "oxaliplatin", dose = 65, unit = "MgPerM2", route = "IV", intervalDays = 14, cycles = 12 }, Ct);
        await DoseAsync(clinician, patient, "oxaliplatin", DaysAgo(1), 65, "MgPerM2");

        var versions = await clinician.GetFromJsonAsync<List<RegimenVersionView>>($"/api/patients/{patient}/regimen", CipnApp.Json, Ct);
        var summary = await clinician.GetFromJsonAsync<ExposureSummary>($"/api/patients/{patient}/exposure", CipnApp.Json, Ct);

        Assert.Equal([(1, false, 85.0), (2, true, 65.0)], versions!.Select(v => (v.Version, v.Current, v.Dose)));
        Assert.All(versions!, v => Assert.Equal("Oxaliplatin", v.AgentName));
        Assert.Equal(65 * 12, summary!.Agents[0].ProjectedInBasis); // one given + 11 to come at the revised 65 mg/m²
        Assert.Contains(await app.AuditForPatientAsync(patient), a => a.Action == "read regimen plan");
    }

    [Fact]
    public async Task CorrectionForm_ReplacesTheDose_AndRefusesWithoutAReason()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team, withLogin: false);
        var user = await app.CreateUserAsync(Roles.Clinician, team);
        var api = await app.ClientForAsync(user);
        await api.PostAsJsonAsync($"/api/patients/{patient}/body-measurements", new { measuredAt = DaysAgo(100), heightCm = 180, weightKg = 80 }, Ct);
        var created = await DoseAsync(api, patient, "docetaxel", DaysAgo(3), 85, "MgPerM2");
        var originalId = (await created.Content.ReadFromJsonAsync<ExposureApi.Created>(CipnApp.Json, Ct))!.Id;
        var browser = await HtmlForms.SignInAsync(app, user, Ct);
        var page = $"/patients/{patient}/exposure?correct={originalId}";

        var form = await browser.GetStringAsync(page, Ct);
        KeyValuePair<string, string>[] fields = [new("agentCode", "docetaxel"), new("administeredAt", DaysAgo(3).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture)), new("amount", "75"), new("unit", "MgPerM2")];
        var noReason = await HtmlForms.SubmitAsync(browser, page, "dose", fields, Ct);
        var saved = await HtmlForms.SubmitAsync(browser, page, "dose", [.. fields, new("correctionReason", "Typed 85; the bag was 75 mg/m².")], Ct);

        Assert.Contains("Correct the Docetaxel dose of", form, StringComparison.Ordinal);
        Assert.Contains("value=\"85\"", form, StringComparison.Ordinal); // prefilled from the dose on record
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Say why the dose is being corrected", await noReason.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var html = await saved.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Correction saved.", html, StringComparison.Ordinal);
        Assert.Contains("Typed 85; the bag was 75 mg/m².", html, StringComparison.Ordinal);
        var history = await api.GetFromJsonAsync<List<DoseHistoryView>>($"/api/patients/{patient}/administrations", CipnApp.Json, Ct);
        Assert.Equal([(85.0, true), (75.0, false)], history!.Select(h => (h.Amount, h.SupersededAt is not null)));
        Assert.Equal(originalId, history![1].CorrectsId);
    }

    [Fact]
    public async Task PatientPage_DrawsGradesAndExposureOnOneTimeAxis_WithTheDataAsATable()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var user = await app.CreateUserAsync(Roles.Clinician, team);
        var api = await app.ClientForAsync(user);
        await api.PostAsJsonAsync($"/api/patients/{patient}/body-measurements", new { measuredAt = DaysAgo(100), heightCm = 180, weightKg = 80 }, Ct);
        for (var i = 0; i < 3; i++)
        {
            await DoseAsync(api, patient, "oxaliplatin", DaysAgo(42 - (i * 14)), 85, "MgPerM2");
        }

        await CipnApp.SubmitCheckInAsync(await app.ClientForAsync(login!), patient, Questionnaires.Week(1), Ct);
        var browser = await HtmlForms.SignInAsync(app, user, Ct);

        var html = await browser.GetStringAsync($"/patients/{patient}", Ct);
        var summary = await api.GetFromJsonAsync<ExposureSummary>($"/api/patients/{patient}/exposure", CipnApp.Json, Ct);

        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("viewBox=\"0 0 800 360\"", html, StringComparison.Ordinal);
        Assert.Contains("Oxaliplatin, % of 850 mg/m²", html, StringComparison.Ordinal); // the legend names the threshold
        Assert.Contains("Sensory grade", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Cumulative dose table\"", html, StringComparison.Ordinal);
        var points = Assert.Single(summary!.Timeline).Points;
        Assert.Equal([(85.0, 10.0), (170.0, 20.0), (255.0, 30.0)], points.Select(p => (p.CumulativeInBasis, p.PercentOfThreshold!.Value)));
        Assert.Contains("255 mg/m²</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownBsaFormula_Is400()
    {
        var (clinician, patient) = await PatientWithBodyAsync();

        var response = await clinician.PutAsJsonAsync($"/api/patients/{patient}/bsa-formula", new { bsaFormula = (string?)null }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Choose Mosteller or DuBois.", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DoseNeedingHeightAndWeight_WithoutThem_Is400SayingSo()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team, withLogin: false);
        var clinician = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));

        var response = await DoseAsync(clinician, patient, "paclitaxel", DaysAgo(1), 80, "MgPerM2");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("A height and a weight recorded on or before", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImpossibleBodyMeasurement_Is400()
    {
        var (clinician, patient) = await PatientWithBodyAsync();

        var response = await clinician.PostAsJsonAsync($"/api/patients/{patient}/body-measurements", new { measuredAt = DaysAgo(1), heightCm = 400 }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Height must be between 30 and 272 cm.", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyTheTeamsClinicians_RecordDoses_ThePatientMayReadTheirs()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var outsider = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync()));
        var self = await app.ClientForAsync(login!);

        Assert.Equal(HttpStatusCode.Forbidden, (await DoseAsync(outsider, patient, "oxaliplatin", DaysAgo(1), 85, "MgPerM2")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await DoseAsync(self, patient, "oxaliplatin", DaysAgo(1), 85, "MgPerM2")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/api/patients/{patient}/exposure", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await self.GetAsync($"/api/patients/{patient}/exposure", Ct)).StatusCode);
        var audit = await app.AuditForPatientAsync(patient);
        Assert.Equal(2, audit.Count(a => a.Action == "record dose" && a.Outcome == Features.Audit.AuditOutcome.Denied));
    }
}

public sealed class RecordingExposureOnSqlite(SqliteApp app) : RecordingExposureTests(app), IClassFixture<SqliteApp>;

public sealed class RecordingExposureOnPostgres(PostgresApp app) : RecordingExposureTests(app), IClassFixture<PostgresApp>;
