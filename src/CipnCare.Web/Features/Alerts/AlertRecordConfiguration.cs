using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Features.Alerts;

public sealed class AlertRecordConfiguration : IEntityTypeConfiguration<AlertRecord>
{
    public void Configure(EntityTypeBuilder<AlertRecord> builder)
    {
        builder.HasOne<Patient>().WithMany().HasForeignKey(a => a.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.CareTeamId, a.Status, a.Severity, a.RaisedAt });
        builder.HasIndex(a => new { a.PatientId, a.Status });
        builder.Property(a => a.Code).HasConversion<string>().HasMaxLength(40);
        builder.Property(a => a.Severity).HasConversion<int>();
        builder.Property(a => a.PatientStep).HasConversion<string>().HasMaxLength(30);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Resolution).HasConversion<string>().HasMaxLength(30);
        builder.Property(a => a.Title).HasMaxLength(200);
        builder.Property(a => a.Evidence).HasMaxLength(4000);
        builder.Property(a => a.Suggestions).HasMaxLength(4000);
        builder.Property(a => a.ConditionKey).HasMaxLength(300);
        builder.Property(a => a.RulesVersion).HasMaxLength(20);
        builder.Property(a => a.ResolutionNote).HasMaxLength(2000);
        builder.Property(a => a.AssignedToUserId).HasMaxLength(450);
        builder.Property(a => a.AcknowledgedByUserId).HasMaxLength(450);
        builder.Property(a => a.ResolvedByUserId).HasMaxLength(450);
    }
}
