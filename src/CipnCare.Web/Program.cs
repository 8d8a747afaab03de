using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using CipnCare.Web.Components;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Alerts;
using CipnCare.Web.Features.Alerts.Triage;
using CipnCare.Web.Features.Assessments;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Caregivers;
using CipnCare.Web.Features.CarePlans;
using CipnCare.Web.Features.CareTeams;
using CipnCare.Web.Features.Charts;
using CipnCare.Web.Features.CheckIns;
using CipnCare.Web.Features.Demo;
using CipnCare.Web.Features.Diagnoses;
using CipnCare.Web.Features.EmergencyAccess;
using CipnCare.Web.Features.Exposure;
using CipnCare.Web.Features.Guidance;
using CipnCare.Web.Features.Instruments;
using CipnCare.Web.Features.Localization;
using CipnCare.Web.Features.Notifications;
using CipnCare.Web.Features.Operations;
using CipnCare.Web.Features.Patients;
using CipnCare.Web.Features.Schedules;
using CipnCare.Web.Features.Smart;
using CipnCare.Web.Features.Messages;
using CipnCare.Web.Fhir;
using CipnCare.Web.Fhir.Bulk;
using Microsoft.AspNetCore.HostFiltering;

// Pages, messages and stored reasons are English with a decimal point whatever the server's LANG (a server set to German
// printed "14,2 s"); other languages will come per request, never from the host's locale.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.GetCultureInfo("en-US");

var builder = WebApplication.CreateBuilder(args);

builder.AddCipnOperations();
builder.AddCipnWebSecurity();
builder.AddCipnDatabase();
builder.AddCipnAccounts();
builder.AddCipnSmart();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHttpContextAccessor();
var publicAddress = new PublicAddress(builder.Configuration, builder.Environment, new HttpContextAccessor(), required: !OperationsCommands.IsCommand(args)); // checked now: a missing address stops start-up, not the first invitation
builder.Services.AddSingleton(publicAddress);
if (!builder.Environment.IsDevelopment())
{
    builder.Services.PostConfigure<HostFilteringOptions>(publicAddress.RestrictHosts);
}
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
builder.Services.AddValidation(); // minimal-API validation of data annotations: the login body's [Required] and [EmailAddress] (400 naming the field)
builder.Services.AddRazorComponents();
builder.Services.AddLocalization(); // English texts are the keys; Spanish in each component's .es.resx beside it (Features/Localization)
builder.Services.Configure<RequestLocalizationOptions>(Languages.Configure);
builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All)); // "▲ Worse", "→", names with accents: as text, not entities

builder.Services.AddScoped<AuditLog>();
builder.Services.AddScoped<AuditQueries>();
builder.Services.AddScoped<PatientAccess>();
builder.Services.AddScoped<PatientQueries>();
builder.Services.AddScoped<PatientOverviewQuery>();
builder.Services.AddScoped<CreatePatient>();
builder.Services.AddScoped<UpdatePatient>();
builder.Services.AddScoped<CancerConditions>();
builder.Services.AddScoped<PatientRecord>();
builder.Services.Configure<BulkExportOptions>(builder.Configuration.GetSection(BulkExportOptions.Section));
builder.Services.AddScoped<BulkExportRunner>();
builder.Services.AddSingleton<BulkExportWorker>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<BulkExportWorker>());
builder.Services.Configure<FhirOptions>(builder.Configuration.GetSection(FhirOptions.Section));
builder.Services.AddScoped<CreateCareTeam>();
builder.Services.AddScoped<CreateClinician>();
builder.Services.AddScoped<ResponseDrafts>();
builder.Services.AddScoped<ScheduleQueries>();
builder.Services.AddScoped<ChangeSchedule>();
builder.Services.AddScoped<CaregiverGrants>();
builder.Services.AddScoped<EmergencyAccessGrants>();
builder.Services.AddScoped<CaregiverQueries>();
builder.Services.AddScoped<CreateCaregiverAccount>();
builder.Services.Configure<MailOptions>(builder.Configuration.GetSection(MailOptions.Section));
builder.Services.AddScoped<Outbox>();
builder.Services.AddScoped<RaiseAlerts>();
builder.Services.AddSingleton<ISentenceEmbedder, MiniLmEmbedder>();
builder.Services.AddSingleton<SemanticTriage>();
builder.Services.AddSingleton<TextTriage>();
// A background service that throws is logged by the host and ends alone; it never stops the web app (issue #15).
builder.Services.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore);
builder.Services.AddHostedService<TriageWarmUp>();
builder.Services.AddHealthChecks().AddCheck<TriageHealthCheck>("triage", tags: ["ready"]).AddCheck<OutboxHealthCheck>("outbox", tags: ["ready"]);
builder.Services.AddScoped<AlertQueries>();
builder.Services.AddScoped<WorkAlert>();
builder.Services.AddScoped<ChangeTeamSettings>();
builder.Services.AddScoped<LocalTimes>();
builder.Services.AddScoped<CareTeamQueries>();
builder.Services.AddScoped<CheckInReminders>();
builder.Services.AddHostedService<CheckInReminderService>();
builder.Services.AddScoped<MailDispatcher>();
builder.Services.AddHostedService<MailDispatchService>();
builder.Services.AddScoped<CheckInQueries>();
builder.Services.AddScoped<ExposureQueries>();
builder.Services.AddScoped<RecordExposure>();
builder.Services.AddSingleton<IQuestionnaireReader, FhirQuestionnaireReader>(); // instruments are FHIR Questionnaires; Firely stays in Fhir/
builder.Services.AddSingleton<ParsedInstruments>();
builder.Services.AddSingleton<ChartCache>(); // drawn charts by patient, culture and a hash of their data (issue #17)
builder.Services.AddScoped<InstrumentLibrary>();
builder.Services.AddScoped<SubmitResponse>();
builder.Services.AddSingleton<RuleMessageWords>();
builder.Services.AddScoped<ResponseQueries>();
builder.Services.AddScoped<RecordAssessment>();
builder.Services.AddScoped<AssessmentQueries>();
builder.Services.AddScoped<ChangeCarePlan>();
builder.Services.AddScoped<CarePlanQueries>();
builder.Services.AddSingleton(new GuidanceLibrary(Path.Combine(AppContext.BaseDirectory, "Guidance")));
builder.Services.AddScoped<PatientGuidance>();
builder.Services.AddScoped<SendMessage>();
builder.Services.AddScoped<MessageQueries>();
builder.Services.AddScoped<MessageTargets>();
builder.Services.AddHostedService<MessageTargetService>();
builder.Services.AddScoped<DemoSeeder>();

var app = builder.Build();

if (OperationsCommands.IsCommand(args))
{
    Environment.ExitCode = await OperationsCommands.RunAsync(app, args); // migrate, seed-demo, backup, restore: then exit
    return;
}

await app.InitializeDatabaseAsync();
app.LoadSmartKeys(); // now, after migrating: a key that cannot be read stops start-up instead of failing every request

app.UseForwardedHeaders();
app.UseSecurityHeaders();
app.UseRequestLocalization(); // English or Spanish texts (Features/Localization): first, so even a throttled sign-in page reads in the reader's language
app.UseRateLimiter(); // sign-in attempts per client address
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseHsts();
}

app.UseRequestSizeLimit();
app.UseFhirErrors();
app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages()); // ProblemDetails for bodiless API errors
app.UseWhen(ctx => !AccountSetup.IsApiRequest(ctx), pages => pages.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true));
app.UseRouting(); // after the status-code pages: a re-executed request is routed again, to /status/{code} (without it a 404 had no page at all)
app.UseCors(); // SMART browser apps: their registered origins only (Features/Smart)
app.UseAuthentication();
app.UseSmartScopes();
app.UseBearerTokenChecks();
app.UseStaffMfa();
app.UseApiWriteRules();
app.UseAuthorization();
app.UseTeamTime();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapOperations();
app.MapAccounts();
app.MapLanguages();
app.MapPatients();
app.MapCheckIns();
app.MapExposure();
app.MapAssessments();
app.MapCarePlans();
app.MapRecordExport();
app.MapCheckInCsv();
app.MapInstruments();
app.MapSchedules();
app.MapCaregivers();
app.MapEmergencyAccess();
app.MapAlerts();
app.MapMessages();
app.MapCareTeams();
app.MapAudit();
app.MapFhir();
app.MapSmart();
app.MapRazorComponents<App>();

await app.RunAsync();

/// <summary>The entry point, public so the test host (WebApplicationFactory) can start it.</summary>
public partial class Program;
