using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Features.Patients;

public sealed class PatientVersionConfiguration : IEntityTypeConfiguration<PatientVersion>
{
    public void Configure(EntityTypeBuilder<PatientVersion> builder)
    {
        builder.HasKey(v => new { v.PatientId, v.Version });
        builder.Property(v => v.RecordedBy).HasMaxLength(450);
        builder.Property(v => v.Snapshot).IsRequired();
        builder.HasOne<Patient>().WithMany().HasForeignKey(v => v.PatientId).OnDelete(DeleteBehavior.Cascade);
    }
}
