// Seeds a large care team for the benchmark (bench/run.sh): N patients with a year of weekly check-ins (with their
// scores) and open alerts for one patient in five, and a care plan for the measured patient, into a database the app has already migrated. Prints the
// clinician's sign-in and one patient's id. Not part of the app: a tool for docs/benchmarks.md.
using System.Diagnostics;
using System.Globalization;
using CipnCare.Clinical.Alerts;
using CipnCare.Clinical.CarePlans;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Alerts;
using CipnCare.Web.Features.CarePlans;
using CipnCare.Web.Features.CareTeams;
using CipnCare.Web.Features.Instruments;
using CipnCare.Web.Features.Patients;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

if (args is ["triage", .. var corpora])
{
    return CipnCare.Bench.TriageTiming.Run(corpora);
}

if (args is ["save", var saveConnection, .. var saves]) // save <connection> [count=4000] [ef: the whole save by EF, as before RowInserts]
{
    var count = saves.Select(a => int.TryParse(a, CultureInfo.InvariantCulture, out var n) ? n : (int?)null).FirstOrDefault(n => n is not null) ?? 4000;
    return await CipnCare.Bench.SaveTiming.RunAsync(saveConnection, count, saves.Contains("ef"));
}

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: CipnCare.Bench <Sqlite|Postgres> <connection string> [patients=10000] [weeks=52]");
    return 2;
}

var provider = Enum.Parse<DatabaseProvider>(args[0], ignoreCase: true);
var connection = args[1];
var patientCount = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10_000;
var weeks = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 52;
var migrations = DatabaseSetup.LoadMigrationsAssembly(provider);

CipnDbContext NewContext()
{
    var options = new DbContextOptionsBuilder<CipnDbContext>();
    _ = provider == DatabaseProvider.Sqlite ? DatabaseSetup.UseSqlite(options, connection, migrations) : DatabaseSetup.UsePostgres(options, connection, migrations);
    var db = new CipnDbContext(options.Options);
    db.ChangeTracker.AutoDetectChangesEnabled = false;
    return db;
}

var clock = Stopwatch.StartNew();
var now = TimeProvider.System.GetUtcNow().UtcDateTime;
Guid teamId, checkInId;
string clinicianEmail = "bench.clinician@bench.cipncare.org", password = "Bench-password-1";
await using (var db = NewContext())
{
    checkInId = await db.Instruments.Where(i => i.Url == InstrumentLibrary.CheckInUrl && i.Version == "1.0.0").Select(i => i.Id).SingleAsync();
    var team = new CareTeam { Id = Guid.CreateVersion7(), Name = $"Bench team {now:HHmmss}", Phone = "+1 555 0199", CreatedAt = now };
    teamId = team.Id;
    var user = new AppUser
    {
        Id = Guid.NewGuid().ToString(),
        UserName = clinicianEmail,
        NormalizedUserName = clinicianEmail.ToUpperInvariant(),
        Email = clinicianEmail,
        NormalizedEmail = clinicianEmail.ToUpperInvariant(),
        EmailConfirmed = true,
        DisplayName = "Bench Clinician",
        SecurityStamp = Guid.NewGuid().ToString()
    };
    user.PasswordHash = new PasswordHasher<AppUser>().HashPassword(user, password);
    var roleId = await db.Roles.Where(r => r.Name == Roles.Clinician).Select(r => r.Id).SingleAsync();
    db.CareTeams.Add(team);
    db.Users.Add(user);
    db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
    db.CareTeamMembers.Add(new CareTeamMember { CareTeamId = team.Id, UserId = user.Id });
    await db.SaveChangesAsync();
}

const string Answers = """{"numbness-hands":"1","tingling-hands":"1","pain-hands":"0","cold-hands":"1","numbness-feet":"2","tingling-feet":"1","pain-feet":"1","cold-feet":"0","cramps":"0","weakness-grip":"1","weakness-stairs":"0","weakness-chair":"0","balance":"1","falls":"0","dizziness-standing":"0","bowel-bladder":"0","palpitations":"0","limits-everyday-sensory":"true","limits-everyday-motor":"false","limits-self-care-sensory":"false","limits-self-care-motor":"false","sleep":"1"}""";
string[] codes = ["sensory-subscale", "motor-subscale", "autonomic-subscale", "symptom-score", "pro-sensory-grade", "pro-motor-grade", "falls-count", "sleep-interference"];
Guid firstPatient = Guid.Empty;
const int PatientsPerBatch = 250;
for (var start = 0; start < patientCount; start += PatientsPerBatch)
{
    await using var db = NewContext();
    for (var p = start; p < Math.Min(patientCount, start + PatientsPerBatch); p++)
    {
        var patient = new Patient
        {
            Id = Guid.CreateVersion7(),
            Mrn = $"B-{now:HHmmss}-{p:D6}",
            GivenName = "Bench",
            FamilyName = $"Patient {p:D6}",
            BirthDate = new DateOnly(1960, 1, 1),
            Sex = Sex.Female,
            Diagnosis = "Colon cancer (FOLFOX)",
            TreatmentStatus = TreatmentStatus.OnTreatment,
            CareTeamId = teamId,
            CreatedAt = now.AddDays(-7 * weeks - 1),
        };
        firstPatient = firstPatient == Guid.Empty ? patient.Id : firstPatient;
        db.Patients.Add(patient);
        for (var w = 0; w < weeks; w++)
        {
            var at = now.AddDays(-7 * (weeks - w)).AddMinutes(p % 600);
            var response = new InstrumentResponse
            {
                Id = Guid.CreateVersion7(),
                PatientId = patient.Id,
                InstrumentId = checkInId,
                AuthoredAt = at,
                RecordedAt = at,
                EnteredByUserId = "bench",
                EnteredByName = "Bench Patient",
                EnteredByRole = Roles.Patient,
                AnswersJson = Answers,
                RulesVersion = "2026.1",
                SensoryGrade = (w + p) % 3,
                MotorGrade = (w + p) % 3,
            };
            db.InstrumentResponses.Add(response);
            for (var c = 0; c < codes.Length; c++)
            {
                db.ResponseScores.Add(new ResponseScore
                {
                    Id = Guid.CreateVersion7(),
                    ResponseId = response.Id,
                    PatientId = patient.Id,
                    Code = codes[c],
                    Name = codes[c],
                    Position = c,
                    Value = codes[c].EndsWith("grade", StringComparison.Ordinal) ? (w + p) % 3 : ((w * 7) + p) % 60,
                    EffectiveAt = at,
                    RecordedAt = at,
                    Reasons = "",
                });
            }
        }

        if (p % 5 == 0)
        {
            foreach (var (code, severity) in new[] { (AlertCode.SensoryGrade, AlertSeverity.High), (AlertCode.Fall, AlertSeverity.High), (AlertCode.MissedCheckIns, AlertSeverity.Routine) }.Take(1 + (p % 3)))
            {
                db.Alerts.Add(new AlertRecord
                {
                    Id = Guid.CreateVersion7(),
                    PatientId = patient.Id,
                    CareTeamId = teamId,
                    Code = code,
                    Severity = p % 50 == 0 ? AlertSeverity.Urgent : severity,
                    Title = code.ToString(),
                    Evidence = "bench",
                    Suggestions = "",
                    PatientStep = PatientNextStep.ContactTeamToday,
                    ConditionKey = $"{code}:{p}",
                    RulesVersion = "2026.1",
                    RaisedAt = now.AddHours(-(p % 200)),
                    Status = AlertStatus.Open,
                });
            }
        }
    }

    await db.SaveChangesAsync();
    Console.Error.Write($"\r{Math.Min(patientCount, start + PatientsPerBatch)} patients seeded ({clock.Elapsed.TotalSeconds:0}s)");
}

Console.Error.WriteLine();

// The measured patient's care plan, for the progress view: three goals reviewed monthly, five interventions rated monthly.
await using (var db = NewContext())
{
    for (var g = 0; g < 3; g++)
    {
        var goal = new Goal { Id = Guid.CreateVersion7(), PatientId = firstPatient, Text = $"Bench goal {g}", ExpectedOutcome = "expected", BaselineLevel = -2, Status = GoalStatus.Active, SetByUserId = "bench", SetByName = "Bench", CreatedAt = now.AddDays(-7 * weeks) };
        db.Goals.Add(goal);
        for (var m = 1; m <= weeks / 4; m++)
        {
            db.GoalReviews.Add(new GoalReview { Id = Guid.CreateVersion7(), GoalId = goal.Id, PatientId = firstPatient, ReviewedOn = DateOnly.FromDateTime(now.AddDays((-7 * weeks) + (28 * m))), Level = Math.Min(2, -2 + (m / 3)), ReviewedByName = "Bench", RecordedAt = now });
        }
    }

    for (var i = 0; i < 5; i++)
    {
        var started = now.AddDays((-7 * weeks) + (30 * i));
        var intervention = new Intervention { Id = Guid.CreateVersion7(), PatientId = firstPatient, Type = (InterventionType)i, Name = $"Bench intervention {i}", StartedOn = DateOnly.FromDateTime(started), StoppedOn = i == 0 ? DateOnly.FromDateTime(started.AddDays(90)) : null, RecordedByUserId = "bench", RecordedAt = started, UpdatedAt = started };
        db.Interventions.Add(intervention);
        for (var m = 1; m <= 10; m++)
        {
            db.InterventionRatings.Add(new InterventionRatingRecord { Id = Guid.CreateVersion7(), InterventionId = intervention.Id, PatientId = firstPatient, RatedAt = started.AddDays(7 * m), Relief = m % 11, SideEffects = m % 4, RatedByName = "Bench", RatedByRole = Roles.Patient });
        }
    }

    await db.SaveChangesAsync();
}

Console.WriteLine($"clinician={clinicianEmail}");
Console.WriteLine($"password={password}");
Console.WriteLine($"patient={firstPatient}");
return 0;
