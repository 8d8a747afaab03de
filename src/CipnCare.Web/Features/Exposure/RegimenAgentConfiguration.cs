using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Features.Exposure;

public sealed class RegimenAgentConfiguration : IEntityTypeConfiguration<RegimenAgent>
{
    public void Configure(EntityTypeBuilder<RegimenAgent> builder)
    {
        builder.HasOne<Patient>().WithMany().HasForeignKey(r => r.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.PatientId, r.AgentCode });
        builder.Property(r => r.AgentCode).HasMaxLength(40);
        builder.Property(r => r.Unit).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.Route).HasMaxLength(20);
        builder.Property(r => r.RecordedByUserId).HasMaxLength(450);
    }
}
