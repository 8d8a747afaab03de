using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Features.CarePlans;

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
