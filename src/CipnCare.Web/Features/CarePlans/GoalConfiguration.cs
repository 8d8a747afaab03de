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
