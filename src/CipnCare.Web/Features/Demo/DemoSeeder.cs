using System.Globalization;
using System.Security.Claims;
using CipnCare.Clinical;
using CipnCare.Clinical.Alerts;
using CipnCare.Clinical.Exposure;
using CipnCare.Clinical.Instruments;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Alerts;
using CipnCare.Web.Features.Assessments;
using CipnCare.Web.Features.Caregivers;
using CipnCare.Web.Features.Diagnoses;
using CipnCare.Web.Features.CareTeams;
using CipnCare.Web.Features.EmergencyAccess;
using CipnCare.Web.Features.Instruments;
using CipnCare.Web.Features.Localization;
using CipnCare.Web.Features.Patients;
using CipnCare.Web.Features.Schedules;
using CipnCare.Web.Features.Smart;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.Demo;

/// <summary>
/// A demo care team so a newcomer sees the product working on first run. Runs in Development, or anywhere
/// with Demo:Seed=true; never otherwise. Idempotent: it does nothing once the demo admin exists.
/// </summary>
public sealed class DemoSeeder(CipnDbContext db, UserManager<AppUser> users, RoleManager<IdentityRole> roles, InstrumentLibrary instruments, RaiseAlerts alerts, AssessmentQueries assessments, CheckInReminders reminders, SmartApps smartApps, Messages.MessageTargets messageTargets, TimeProvider clock)
{
    public const string Password = "CipnCare-demo-1";
    public const string DemoSmartClientId = "neuropathy-diary-demo";
    public const string AdminEmail = "admin@demo.cipncare.org";
    public const string ClinicianEmail = "clinician@demo.cipncare.org";
    public const string Clinician2Email = "clinician2@demo.cipncare.org";
    public const string PatientEmail = "patient@demo.cipncare.org";
    public const string CaregiverEmail = "caregiver@demo.cipncare.org";

    /// <summary>Rosa Hernández, who reads CIPN Care in Spanish (issue #20).</summary>
    public const string SpanishPatientEmail = "paciente@demo.cipncare.org";

    public static IReadOnlyList<(string Email, string Role, string What)> Accounts { get; } =
    [
        (AdminEmail, Roles.Admin, "care teams, clinicians, patients, audit trail, emergency access review"),
        (ClinicianEmail, Roles.Clinician, "oncology team: six patients"),
        (Clinician2Email, Roles.Clinician, "haematology team: one patient"),
        (PatientEmail, Roles.Patient, "Maria Santos, on FOLFOX"),
        (CaregiverEmail, Roles.Caregiver, "Anna Schmidt, reports for her father Walter"),
        (SpanishPatientEmail, Roles.Patient, "Rosa Hernández, reads CIPN Care in Spanish"),
    ];

    public static bool ShouldSeed(IHostEnvironment environment, IConfiguration configuration) =>
        configuration.GetValue<bool?>("Demo:Seed") ?? environment.IsDevelopment();

    public async Task<bool> SeedAsync(CancellationToken cancellationToken = default)
    {
        await EnsureRolesAsync(roles);
        if (await users.FindByEmailAsync(AdminEmail) is not null)
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var oncology = new CareTeam { Id = Guid.CreateVersion7(), Name = "Oncology Neuropathy Clinic", Phone = "+1 555 010 2000", OnCallEmail = "oncall@demo.cipncare.org", TimeZone = "America/New_York", CreatedAt = now };
        var haematology = new CareTeam { Id = Guid.CreateVersion7(), Name = "Haematology Day Unit", Phone = "+1 555 010 3000", TimeZone = "America/Chicago", CreatedAt = now };
        db.CareTeams.AddRange(oncology, haematology);
        await db.SaveChangesAsync(cancellationToken);

        var adminUser = await CreateUserAsync(AdminEmail, "Alex Morgan (admin)", Roles.Admin);
        var clinician = await CreateUserAsync(ClinicianEmail, "Dr Amara Okafor", Roles.Clinician);
        var clinician2 = await CreateUserAsync(Clinician2Email, "Dr Tomás Ruiz", Roles.Clinician);
        var patientUser = await CreateUserAsync(PatientEmail, "Maria Santos", Roles.Patient);
        var caregiver = await CreateUserAsync(CaregiverEmail, "Anna Schmidt", Roles.Caregiver);
        var rosaUser = await CreateUserAsync(SpanishPatientEmail, "Rosa Hernández", Roles.Patient, Languages.Spanish);
        db.CareTeamMembers.AddRange(
            new CareTeamMember { CareTeamId = oncology.Id, UserId = clinician.Id },
            new CareTeamMember { CareTeamId = haematology.Id, UserId = clinician2.Id });

        var mariaPatient = AddPatient("MRN-100231", "Maria", "Santos", new(1968, 4, 12), Sex.Female, "Stage III colon adenocarcinoma (adjuvant FOLFOX)", TreatmentStatus.OnTreatment, oncology, patientUser.Id);
        var linda = AddPatient("MRN-100477", "Linda", "Okoye", new(1975, 9, 30), Sex.Female, "Early breast cancer (weekly paclitaxel)", TreatmentStatus.OnTreatment, oncology, null);
        var walter = AddPatient("MRN-100512", "Walter", "Schmidt", new(1949, 1, 5), Sex.Male, "Diffuse large B-cell lymphoma (R-CHOP)", TreatmentStatus.CompletedTreatment, oncology, null);
        var james = AddPatient("MRN-100688", "James", "Miller", new(1957, 6, 21), Sex.Male, "Stage III rectal cancer (CAPOX)", TreatmentStatus.CompletedTreatment, oncology, null);
        // Samuel was enrolled ten days ago, before his first cycle, and has never checked in: silence is a finding.
        var samuel = AddPatient("MRN-100731", "Samuel", "Reyes", new(1980, 3, 14), Sex.Male, "Stage II testicular cancer (BEP, cisplatin)", TreatmentStatus.Planned, oncology, null, enrolledDaysAgo: 10);
        var rosa = AddPatient("MRN-100845", "Rosa", "Hernández", new(1966, 7, 19), Sex.Female, "Stage II ovarian cancer (carboplatin and paclitaxel)", TreatmentStatus.OnTreatment, oncology, rosaUser.Id);
        var grace = AddPatient("MRN-200104", "Grace", "Adeyemi", new(1961, 11, 2), Sex.Female, "Multiple myeloma (VRd)", TreatmentStatus.OnTreatment, haematology, null);

        // The hospital's EHR sent each diagnosis as a Condition (ICD-10-CM, chapter 2), and Maria's enterprise number too.
        db.PatientIdentifiers.Add(new PatientIdentifier { Id = Guid.CreateVersion7(), PatientId = mariaPatient.Id, System = DemoEhrSystem, Value = "E-558201" });
        db.PatientVersions.Local.Single(v => v.PatientId == mariaPatient.Id).Snapshot =
            PatientVersion.Of(mariaPatient, [new IdentifierValue(DemoEhrSystem, "E-558201")], null).Snapshot; // her version 1 as it is read
        AddCondition(mariaPatient, "C18.9", "Adenocarcinoma of the colon, stage III", 185, clinician.Id, new IdentifierValue(DemoProblemSystem, "PL-20417"));
        AddCondition(linda, "C50.911", "Carcinoma of the right breast, early stage", 143, clinician.Id);
        AddCondition(walter, "C83.30", "Diffuse large B-cell lymphoma", 379, clinician.Id);
        AddCondition(james, "C20", "Adenocarcinoma of the rectum, stage III", 298, clinician.Id);
        AddCondition(samuel, "C62.90", "Non-seminomatous germ cell tumour of the testis, stage II", 24, clinician.Id);
        AddCondition(grace, "C90.00", "Multiple myeloma", 101, clinician2.Id);
        AddCondition(rosa, "C56.9", "Malignant neoplasm of the ovary, stage II", 96, clinician.Id);
        db.CaregiverLinks.Add(new CaregiverLink
        {
            Id = Guid.CreateVersion7(),
            PatientId = walter.Id,
            CaregiverUserId = caregiver.Id,
            Relationship = "Daughter",
            Scope = CaregiverScope.ReportOnBehalf,
            GrantedByUserId = clinician.Id,
            CreatedAt = now.AddDays(-60),
        });

        // Weekly check-ins, oldest first; the number before the rows is how many days ago the latest was (Maria's is due,
        // Grace's overdue with one missed). Each row: hands numbness, tingling, pain, cold; feet numbness, tingling, pain,
        // cold; cramps, weak grip, stairs, rising from a chair; unsteadiness; falls, hurt (0/1); dizziness on standing,
        // bowel/bladder, palpitations; then the daily-life answers (0/1) and sleep. A row of 21 was answered with check-in
        // 1.0.0 (everyday tasks limited, self-care limited); the latest rows, 23 long, with 1.1.0, which asks per domain
        // (everyday tasks limited by sensory, by motor symptoms; self-care limited by sensory, by motor symptoms).
        var checkIn = new CheckInVersions(
            await instruments.FindAsync(InstrumentLibrary.CheckInUrl, "1.0.0", cancellationToken) ?? throw new InvalidOperationException("Check-in 1.0.0 is not loaded."),
            await instruments.FindAsync(InstrumentLibrary.CheckInUrl, null, cancellationToken) ?? throw new InvalidOperationException("The shipped check-in is not loaded."));
        var maria = new EnteredBy(patientUser.Id, "Maria Santos", Roles.Patient);
        var okafor = new EnteredBy(clinician.Id, "Dr Amara Okafor", Roles.Clinician);
        var ruiz = new EnteredBy(clinician2.Id, "Dr Tomás Ruiz", Roles.Clinician);
        AddHistory(checkIn, mariaPatient, now, maria, "Doing up buttons takes me much longer, and cold drinks hurt my hands.", 8,
            [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            [1, 1, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            [1, 1, 0, 2, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1],
            [2, 2, 1, 2, 1, 1, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1],
            [2, 2, 1, 3, 2, 2, 1, 2, 1, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1],
            [3, 3, 2, 3, 2, 2, 1, 2, 1, 2, 0, 0, 2, 0, 0, 1, 1, 0, 1, 0, 0, 0, 2]);
        AddHistory(checkIn, linda, now, okafor, "Phone call: feet feel like walking on sand in the evenings.", 3,
            [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            [0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            [0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            [1, 1, 0, 0, 1, 2, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
        AddHistory(checkIn, walter, now, new EnteredBy(caregiver.Id, "Anna Schmidt", Roles.Caregiver), "Dad says the tingling is easing, but last night he told me he is tired of living like this and we would be better off without him.", 7,
            [2, 1, 0, 0, 3, 2, 1, 0, 1, 2, 2, 1, 3, 1, 1, 1, 2, 0, 1, 0, 2],
            [2, 1, 0, 0, 3, 2, 1, 0, 1, 2, 2, 1, 2, 0, 0, 1, 2, 0, 1, 0, 2],
            [2, 1, 0, 0, 2, 2, 1, 0, 1, 1, 1, 1, 2, 0, 0, 0, 1, 0, 1, 0, 1],
            [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1]);
        AddHistory(checkIn, james, now, okafor, "Tripped on the stairs at home, bruised my knee.", 7,
            [1, 1, 0, 1, 2, 2, 1, 0, 0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1],
            [1, 1, 0, 1, 2, 2, 1, 0, 1, 1, 1, 1, 2, 1, 0, 1, 0, 0, 1, 0, 1],
            [2, 1, 1, 1, 3, 2, 2, 0, 1, 2, 2, 2, 3, 2, 1, 1, 1, 0, 1, 1, 0, 1, 2]);
        AddHistory(checkIn, grace, now, ruiz, "Light-headed when getting out of bed; burning soles at night.", 16,
            [0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0],
            [1, 1, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1],
            [1, 1, 1, 0, 2, 2, 2, 0, 0, 0, 0, 0, 1, 0, 0, 2, 1, 1, 1, 0, 0, 0, 2]);

        // Maria invited her husband to follow her record (view only); he has not accepted yet. The token is not kept.
        db.CaregiverInvitations.Add(new CaregiverInvitation
        {
            Id = Guid.CreateVersion7(),
            PatientId = mariaPatient.Id,
            Email = "david.santos@example.org",
            Relationship = "Husband",
            Scope = CaregiverScope.ViewOnly,
            TokenHash = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).ToLowerInvariant(),
            InvitedByUserId = patientUser.Id,
            CreatedAt = now.AddDays(-2),
            ExpiresAt = now.AddDays(12),
        });

        // Walter's team asked for a check-in every two weeks while his symptoms settle.
        db.ScheduleSettings.Add(new ScheduleSetting { PatientId = walter.Id, IntervalDays = 14, ChangedByUserId = clinician.Id, ChangedAt = now.AddDays(-20) });

        // Rosa reads CIPN Care in Spanish: her account chose it, she answered on Spanish pages, and her note is kept as she
        // wrote it — the clinician sees it verbatim, marked "Written in Spanish".
        using (Languages.Use(Languages.Spanish))
        {
            AddHistory(checkIn, rosa, now, new EnteredBy(rosaUser.Id, "Rosa Hernández", Roles.Patient), "Siento hormigueo en las puntas de los dedos cuando hace frío y me cuesta abotonarme la blusa.", 4,
                [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
                [1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
                [1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
        }

        // Other questionnaires: James's falls screen and Grace's worst nerve pain.
        await AddResponseAsync(InstrumentLibrary.FallsScreenUrl, james, now.AddDays(-1), okafor, new() { ["fallen-past-year"] = "true", ["unsteady"] = "true", ["worried"] = "true" }, cancellationToken);
        await AddResponseAsync(InstrumentLibrary.WorstPainUrl, grace, now.AddDays(-2), ruiz, new() { ["worst-pain"] = "8" }, cancellationToken);

        // Dr Ruiz (haematology) once opened Walter's record under emergency access; the admin reviews it at /emergency-access.
        db.EmergencyAccessGrants.Add(new EmergencyAccessGrant
        {
            Id = Guid.CreateVersion7(),
            PatientId = walter.Id,
            ClinicianUserId = clinician2.Id,
            Reason = "Covering the weekend day unit: Walter came in unsteady after a fall and his own team was not reachable",
            StartedAt = now.AddDays(-6).AddHours(-3),
            ExpiresAt = now.AddDays(-6).AddHours(1),
        });

        SeedExposure(now, clinician.Id, clinician2.Id, mariaPatient.Id, linda.Id, walter.Id, james.Id, grace.Id);
        new DemoAssessments(db, now, clinician.Id, clinician.DisplayName).Seed(mariaPatient.Id, walter.Id, james.Id, grace.Id);
        new DemoCarePlans(db, now, clinician.Id, clinician.DisplayName).Seed(mariaPatient.Id, patientUser.DisplayName, walter.Id, james.Id);
        await db.SaveChangesAsync(cancellationToken);
        await SeedAlertsAsync(clinician.Id, cancellationToken);
        await SeedOtherCauseAlertsAsync([walter.Id, james.Id, grace.Id], cancellationToken);
        await reminders.RunAsync(cancellationToken); // the hourly round, once now: due and overdue reminders, Samuel's reach-out alert
        var demoMessages = new DemoMessages(db, now, TeamZone.FindOrUtc(oncology.TimeZone));
        demoMessages.Seed(walter.Id, caregiver.Id, mariaPatient.Id, patientUser.Id, clinician.Id, clinician.DisplayName, oncology.Id);
        demoMessages.SeedSpanish(rosa.Id, rosaUser.Id, oncology.Id);
        await db.SaveChangesAsync(cancellationToken);
        await messageTargets.RunAsync(cancellationToken); // Maria's message is past the team's reply target: its alert

        // A SMART app registered as a site would (docs/fhir.md): staff see "Open in Neuropathy diary" on a patient's page
        // (an EHR launch to a SMART app served at localhost:9090), and any SMART client can launch standalone with its id.
        var admin = new ClaimsPrincipal(new ClaimsIdentity(
            [new(ClaimTypes.NameIdentifier, adminUser.Id), new(ClaimTypes.Name, AdminEmail), new(ClaimTypes.Role, Roles.Admin)], "demo"));
        await smartApps.RegisterAsync(admin, new SmartAppRegistration(DemoSmartClientId, "Neuropathy diary (demo SMART app)", SmartAppKind.Public,
            ["http://localhost:9090/index.html"], "http://localhost:9090/launch.html", null), cancellationToken);
        return true;
    }

    /// <summary>The consider-another-cause check over the demo assessments and results, as it runs after each entry.</summary>
    private async Task SeedOtherCauseAlertsAsync(IEnumerable<Guid> patientIds, CancellationToken cancellationToken)
    {
        foreach (var patientId in patientIds)
        {
            var overview = await assessments.OverviewAsync(patientId, cancellationToken);
            if (CipnCare.Clinical.Assessment.OtherCauseCheck.ToAlert(overview.OtherCauseReasons) is { } alert)
            {
                await alerts.RaiseAsync(patientId, alert, cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The alert rules run over each patient's responses in order, as if submitted then (so the worklist shows alerts of
    /// every severity with their evidence — Anna's words about her father, Grace's worst pain); Linda's new-cramps alert
    /// was worked to its end the next morning.
    /// </summary>
    private async Task SeedAlertsAsync(string clinicianId, CancellationToken cancellationToken)
    {
        var responses = await db.InstrumentResponses.Include(r => r.Scores).OrderBy(r => r.AuthoredAt).ToListAsync(cancellationToken);
        var patients = await db.Patients.AsNoTracking().ToDictionaryAsync(p => p.Id, cancellationToken);
        foreach (var response in responses)
        {
            var instrument = (await instruments.FindAsync(response.InstrumentId, cancellationToken))!;
            await alerts.ForResponseAsync(patients[response.PatientId], response, instrument, cancellationToken);
            foreach (var alert in db.Alerts.Local.Where(a => a.SourceResponseId == response.Id))
            {
                alert.RaisedAt = response.AuthoredAt.AddMinutes(1); // as if raised when it was sent
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        var linda = await db.Patients.FirstAsync(p => p.Mrn == "MRN-100477", cancellationToken);
        var worked = await db.Alerts.Where(a => a.PatientId == linda.Id && a.Code == AlertCode.NewMotorSymptoms).FirstOrDefaultAsync(cancellationToken);
        if (worked is not null)
        {
            worked.Status = AlertStatus.Resolved;
            worked.AcknowledgedAt = worked.RaisedAt.AddHours(3);
            worked.AcknowledgedByUserId = clinicianId;
            worked.AssignedToUserId = clinicianId;
            worked.ResolvedAt = worked.RaisedAt.AddHours(4);
            worked.ResolvedByUserId = clinicianId;
            worked.Resolution = AlertResolution.Education;
            worked.ResolutionNote = "Called Linda: calf cramps at night; stretching and hydration advice given; review at next check-in.";
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>
    /// FOLFOX, weekly paclitaxel, R-CHOP, CAPOX and VRd histories; one crosses a band, one has a high finding, one
    /// plan was revised (two versions) and one mistyped dose was corrected.
    /// </summary>
    private void SeedExposure(DateTime now, string oncologist, string haematologist, Guid maria, Guid linda, Guid walter, Guid james, Guid grace)
    {
        var onc = new DemoExposure(db, now, oncologist);
        var haem = new DemoExposure(db, now, haematologist);
        static BodyMeasurement[] Body(double h, double w) => [new(DateTime.MinValue, h, w)];
        static IEnumerable<int> Every(int interval, int count, int lastDaysAgo) => Enumerable.Range(0, count).Select(i => lastDaysAgo + (i * interval));

        // Maria: FOLFOX 85 mg/m² q2w, 7 of 12 cycles; the 7th crosses 550 mg/m².
        var folfox = new PlannedAgent("oxaliplatin", 85, DoseUnit.MgPerM2, 14, 12);
        onc.Body(maria, 165, 68, 100);
        onc.Plan(maria, folfox, "IV");
        onc.Doses(maria, Body(165, 68), folfox, "oxaliplatin", 85, DoseUnit.MgPerM2, "IV", Every(14, 7, 3),
            new Dictionary<int, string> { [6] = "Discussed rising numbness with Maria; continuing at full dose with weekly check-ins and review before cycle 8." });

        // Linda: weekly paclitaxel 80 mg/m², 10 of 12.
        var paclitaxel = new PlannedAgent("paclitaxel", 80, DoseUnit.MgPerM2, 7, 12);
        onc.Body(linda, 162, 60, 80);
        onc.Plan(linda, paclitaxel, "IV");
        var lindaDoses = onc.Doses(linda, Body(162, 60), paclitaxel, "paclitaxel", 80, DoseUnit.MgPerM2, "IV", Every(7, 10, 2));
        onc.MistypedBefore(lindaDoses[4], Body(162, 60), 8, "Entered as 8 mg/m² by mistake; the infusion record shows 80 mg/m².");

        // Walter: R-CHOP vincristine 1.4 mg/m² capped at 2 mg, six cycles q3w, finished five weeks ago.
        var rchop = new PlannedAgent("vincristine", 2, DoseUnit.Mg, 21, 6);
        onc.Body(walter, 175, 82, 150);
        onc.Plan(walter, new PlannedAgent("vincristine", 1.4, DoseUnit.MgPerM2, 21, 6), "IV", recordedDaysAgo: 150);
        onc.Plan(walter, rchop, "IV", recordedDaysAgo: 149); // revised next day: flat 2 mg, the single-dose cap
        onc.Doses(walter, Body(175, 82), rchop, "vincristine", 2, DoseUnit.Mg, "IV", Every(21, 6, 35),
            new Dictionary<int, string> { [3] = "Cumulative vincristine 4 mg/m² reached; mild tingling only, Anna to report any falls or constipation. Continue R-CHOP." });

        // James: CAPOX 130 mg/m² q3w × 8, completed: 1,040 mg/m², in the high band.
        var capox = new PlannedAgent("oxaliplatin", 130, DoseUnit.MgPerM2, 21, 8);
        onc.Body(james, 178, 85, 220);
        onc.Plan(james, capox, "IV");
        onc.Doses(james, Body(178, 85), capox, "oxaliplatin", 130, DoseUnit.MgPerM2, "IV", Every(21, 8, 42),
            new Dictionary<int, string>
            {
                [4] = "Cumulative dose discussed at tumour board; benefit outweighs risk, continue with neuropathy monitoring.",
                [6] = "Grade 1 symptoms only; patient wishes to complete adjuvant course.",
            });

        // Grace: VRd bortezomib 1.3 mg/m² SC days 1, 4, 8, 11 q3w; one day-8 dose was given on day 6 (2 days after day 4).
        var vrd = new PlannedAgent("bortezomib", 1.3, DoseUnit.MgPerM2, 3, 8, DosesPerCycle: 4);
        haem.Body(grace, 168, 74, 90);
        haem.Plan(grace, vrd, "SC");
        int[] cycleDays = [0, 3, 7, 10];
        var days = Enumerable.Range(0, 3).SelectMany(c => cycleDays.Select(d => 60 - ((c * 21) + d))).ToList();
        days[6] += 2; // cycle 2, day 8 given on day 6
        haem.Doses(grace, Body(168, 74), vrd, "bortezomib", 1.3, DoseUnit.MgPerM2, "SC", days,
            new Dictionary<int, string> { [6] = "Given on day 6 because the unit was closed on day 8; haematologist approved, next dose kept on day 11." });
    }

    private Patient AddPatient(string mrn, string given, string family, DateOnly birth, Sex sex, string diagnosis, TreatmentStatus status, CareTeam team, string? userId, int enrolledDaysAgo = 70)
    {
        var patient = new Patient
        {
            Id = Guid.CreateVersion7(),
            Mrn = mrn,
            GivenName = given,
            FamilyName = family,
            BirthDate = birth,
            Sex = sex,
            Diagnosis = diagnosis,
            TreatmentStatus = status,
            CareTeamId = team.Id,
            UserId = userId,
            Phone = "+1 555 0100 " + mrn[^3..],
            CreatedAt = clock.GetUtcNow().UtcDateTime.AddDays(-enrolledDaysAgo),
        };
        patient.UpdatedAt = patient.CreatedAt;
        db.Patients.Add(patient);
        db.PatientVersions.Add(PatientVersion.Of(patient, [], null));
        return patient;
    }

    /// <summary>The demo hospital's enterprise patient numbers (an identifier the EHR sends besides the MRN).</summary>
    public const string DemoEhrSystem = "https://hospital.example.org/fhir/sid/enterprise-id";

    /// <summary>The demo hospital's problem-list entry ids (the EHR's identifier for a diagnosis it sent as a Condition).</summary>
    public const string DemoProblemSystem = "https://hospital.example.org/fhir/sid/problem-list-entry";

    private void AddCondition(Patient patient, string icd10Cm, string text, int diagnosedDaysAgo, string recordedBy, IdentifierValue? identifier = null)
    {
        var id = Guid.CreateVersion7();
        db.CancerConditions.Add(new CancerCondition
        {
            Id = id,
            PatientId = patient.Id,
            CodeSystem = CancerConditions.Icd10Cm,
            Code = icd10Cm,
            Text = text,
            OnsetDate = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(-diagnosedDaysAgo)),
            RecordedAt = patient.CreatedAt,
            RecordedBy = recordedBy,
            Identifiers = identifier is null ? [] : [new ConditionIdentifier { Id = Guid.CreateVersion7(), ConditionId = id, System = identifier.System, Value = identifier.Value }],
        });
    }

    /// <summary>The check-in versions the demo history was answered with: 1.0.0 for older weeks, the current one for the latest.</summary>
    private sealed record CheckInVersions(LoadedInstrument Version1, LoadedInstrument Current);

    /// <summary>The check-in 1.0.0 items in the order of a 21-value demo row (see SeedAsync).</summary>
    private static readonly string[] RowItemsVersion1 =
    [
        "numbness-hands", "tingling-hands", "pain-hands", "cold-hands", "numbness-feet", "tingling-feet", "pain-feet", "cold-feet",
        "cramps", "weakness-grip", "weakness-stairs", "weakness-chair", "balance", "falls", "fall-injury",
        "dizziness-standing", "bowel-bladder", "palpitations", "limits-everyday", "limits-self-care", "sleep",
    ];

    /// <summary>The current check-in's items in the order of a 23-value demo row: the daily-life answers per domain.</summary>
    private static readonly string[] RowItems =
    [
        .. RowItemsVersion1[..18], "limits-everyday-sensory", "limits-everyday-motor", "limits-self-care-sensory", "limits-self-care-motor", "sleep",
    ];

    /// <summary>One check-in a week, the last <paramref name="lastDaysAgo"/> days ago at 14:00 UTC (morning for the demo teams in New York and Chicago); the note goes with the latest.</summary>
    private void AddHistory(CheckInVersions checkIn, Patient patient, DateTime now, EnteredBy enteredBy, string latestNote, int lastDaysAgo, params int[][] weeks)
    {
        for (var i = 0; i < weeks.Length; i++)
        {
            var (instrument, items) = weeks[i].Length == RowItems.Length ? (checkIn.Current, RowItems) : (checkIn.Version1, RowItemsVersion1);
            var values = items.Select((item, index) => (item, weeks[i][index]))
                .ToDictionary(x => x.item, x => instrument.Definition.Item(x.item)!.Type == ItemType.Boolean ? (x.Item2 == 1 ? "true" : "false") : x.Item2.ToString(CultureInfo.InvariantCulture));
            if (i == weeks.Length - 1)
            {
                values["notes"] = latestNote;
            }

            Store(instrument, patient.Id, now.Date.AddDays(-lastDaysAgo - (7 * (weeks.Length - 1 - i))).AddHours(14), enteredBy, values);
        }
    }

    private async Task AddResponseAsync(string url, Patient patient, DateTime at, EnteredBy enteredBy, Dictionary<string, string> values, CancellationToken cancellationToken) =>
        Store(await instruments.FindAsync(url, null, cancellationToken) ?? throw new InvalidOperationException($"{url} is not loaded."), patient.Id, at, enteredBy, values);

    /// <summary>Through the same validation, scoring and records as a real submission; a demo row that does not validate stops the seed.</summary>
    private void Store(LoadedInstrument instrument, Guid patientId, DateTime at, EnteredBy enteredBy, Dictionary<string, string> values)
    {
        var (answers, errors) = AnswerInput.FromText(instrument.Definition, values);
        var problems = errors.Values.Concat(ResponseRules.Validate(instrument.Definition, answers).Values).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"Demo response to {instrument.Definition.Title} is not valid: {string.Join(" ", problems)}");
        }

        db.InstrumentResponses.Add(ResponseRecords.Build(Guid.CreateVersion7(), patientId, instrument, answers, at, enteredBy, null, recordedAt: at));
    }

    private async Task<AppUser> CreateUserAsync(string email, string displayName, string role, string? language = null)
    {
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, Language = language };
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Could not create demo user {email}: {string.Join(" ", created.Errors.Select(e => e.Description))}");
        }

        await users.AddToRoleAsync(user, role);
        return user;
    }

    /// <summary>Makes sure the four roles exist (every environment needs them, demo or not).</summary>
    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }
}
