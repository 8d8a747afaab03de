using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Alerts;
using CipnCare.Web.Features.Assessments;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Caregivers;
using CipnCare.Web.Features.Diagnoses;
using CipnCare.Web.Features.CarePlans;
using CipnCare.Web.Features.CareTeams;
using CipnCare.Web.Features.EmergencyAccess;
using CipnCare.Web.Features.Exposure;
using CipnCare.Web.Features.Instruments;
using CipnCare.Web.Features.Notifications;
using CipnCare.Web.Features.Patients;
using CipnCare.Web.Features.Schedules;
using CipnCare.Web.Features.Smart;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Data;

public sealed class CipnDbContext(DbContextOptions<CipnDbContext> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    /// <summary>The keys that protect cookies, antiforgery and bearer tokens, shared by every instance (issue #15, #16).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<CareTeam> CareTeams => Set<CareTeam>();
    public DbSet<CareTeamMember> CareTeamMembers => Set<CareTeamMember>();
    public DbSet<Patient> Patients => Set<Patient>();
    public DbSet<PatientIdentifier> PatientIdentifiers => Set<PatientIdentifier>();
    public DbSet<PatientVersion> PatientVersions => Set<PatientVersion>();
    public DbSet<CancerCondition> CancerConditions => Set<CancerCondition>();
    public DbSet<ConditionIdentifier> ConditionIdentifiers => Set<ConditionIdentifier>();
    public DbSet<CaregiverLink> CaregiverLinks => Set<CaregiverLink>();
    public DbSet<CaregiverInvitation> CaregiverInvitations => Set<CaregiverInvitation>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();
    public DbSet<BodyMeasurementRecord> BodyMeasurements => Set<BodyMeasurementRecord>();
    public DbSet<RegimenAgent> RegimenAgents => Set<RegimenAgent>();
    public DbSet<DoseAdministration> DoseAdministrations => Set<DoseAdministration>();
    public DbSet<DoseFindingRecord> DoseFindings => Set<DoseFindingRecord>();
    public DbSet<Instrument> Instruments => Set<Instrument>();
    public DbSet<InstrumentResponse> InstrumentResponses => Set<InstrumentResponse>();
    public DbSet<ResponseScore> ResponseScores => Set<ResponseScore>();
    public DbSet<ResponseDraft> ResponseDrafts => Set<ResponseDraft>();
    public DbSet<ScheduleSetting> ScheduleSettings => Set<ScheduleSetting>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<Features.Operations.JobLease> JobLeases => Set<Features.Operations.JobLease>();
    public DbSet<AlertRecord> Alerts => Set<AlertRecord>();
    public DbSet<WorklistVisit> WorklistVisits => Set<WorklistVisit>();
    public DbSet<ReminderSent> RemindersSent => Set<ReminderSent>();
    public DbSet<AssessmentVersion> AssessmentVersions => Set<AssessmentVersion>();
    public DbSet<DiagnosticResult> DiagnosticResults => Set<DiagnosticResult>();
    public DbSet<Goal> Goals => Set<Goal>();
    public DbSet<GoalReview> GoalReviews => Set<GoalReview>();
    public DbSet<Intervention> Interventions => Set<Intervention>();
    public DbSet<InterventionRatingRecord> InterventionRatings => Set<InterventionRatingRecord>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<EmergencyAccessGrant> EmergencyAccessGrants => Set<EmergencyAccessGrant>();
    public DbSet<ServerKey> ServerKeys => Set<ServerKey>();
    public DbSet<Features.Messages.MessageThread> MessageThreads => Set<Features.Messages.MessageThread>();
    public DbSet<Features.Messages.Message> Messages => Set<Features.Messages.Message>();
    public DbSet<Features.Messages.MessageAttachment> MessageAttachments => Set<Features.Messages.MessageAttachment>();
    public DbSet<Features.Messages.MessageRead> MessageReads => Set<Features.Messages.MessageRead>();
    public DbSet<Fhir.Bulk.BulkExportJob> BulkExportJobs => Set<Fhir.Bulk.BulkExportJob>();
    public DbSet<Fhir.Bulk.BulkExportFile> BulkExportFiles => Set<Fhir.Bulk.BulkExportFile>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CipnDbContext).Assembly);
        builder.UseOpenIddict(); // SMART apps, their authorizations and tokens (Features/Smart)
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
