using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Features.Schedules;

public sealed class ScheduleSettingConfiguration : IEntityTypeConfiguration<ScheduleSetting>
{
    public void Configure(EntityTypeBuilder<ScheduleSetting> builder)
    {
        builder.HasKey(s => s.PatientId);
        builder.HasOne<Patient>().WithOne().HasForeignKey<ScheduleSetting>(s => s.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.ChangedByUserId).HasMaxLength(450);
    }
}
