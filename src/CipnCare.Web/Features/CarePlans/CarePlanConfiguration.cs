using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Features.CarePlans;

public sealed class GoalConfiguration : IEntityTypeConfiguration<Goal>
{
    public void Configure(EntityTypeBuilder<Goal> builder)
    {
        builder.HasOne<Patient>().WithMany().HasForeignKey(g => g.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(g => g.PatientId);
        builder.Property(g => g.Text).HasMaxLength(300);
        builder.Property(g => g.ExpectedOutcome).HasMaxLength(500);
        builder.Property(g => g.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(g => g.SetByUserId).HasMaxLength(450);
        builder.Property(g => g.SetByName).HasMaxLength(200);
    }
}

public sealed class GoalReviewConfiguration : IEntityTypeConfiguration<GoalReview>
{
    public void Configure(EntityTypeBuilder<GoalReview> builder)
    {
        builder.HasOne<Goal>().WithMany().HasForeignKey(r => r.GoalId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.PatientId, r.ReviewedOn });
        builder.Property(r => r.Note).HasMaxLength(1000);
        builder.Property(r => r.ReviewedByName).HasMaxLength(200);
    }
}

public sealed class InterventionConfiguration : IEntityTypeConfiguration<Intervention>
{
    public void Configure(EntityTypeBuilder<Intervention> builder)
    {
        builder.HasOne<Patient>().WithMany().HasForeignKey(i => i.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => i.PatientId);
        builder.Property(i => i.Type).HasConversion<string>().HasMaxLength(30);
        builder.Property(i => i.Name).HasMaxLength(200);
        builder.Property(i => i.Dose).HasMaxLength(100);
        builder.Property(i => i.Provider).HasMaxLength(200);
        builder.Property(i => i.Note).HasMaxLength(1000);
        builder.Property(i => i.EvidenceCode).HasMaxLength(64);
        builder.Property(i => i.RecordedByUserId).HasMaxLength(450);
    }
}

public sealed class InterventionRatingConfiguration : IEntityTypeConfiguration<InterventionRatingRecord>
{
    public void Configure(EntityTypeBuilder<InterventionRatingRecord> builder)
    {
        builder.HasOne<Intervention>().WithMany().HasForeignKey(r => r.InterventionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.PatientId, r.RatedAt });
        builder.Property(r => r.Note).HasMaxLength(1000);
        builder.Property(r => r.RatedByName).HasMaxLength(200);
        builder.Property(r => r.RatedByRole).HasMaxLength(20);
    }
}

public sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> builder)
    {
        builder.HasOne<Patient>().WithMany().HasForeignKey(r => r.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.PatientId);
        builder.Property(r => r.Service).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Reason).HasMaxLength(500);
        builder.Property(r => r.RecordedByUserId).HasMaxLength(450);
    }
}
