using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Features.Patients;

public sealed class PatientIdentifierConfiguration : IEntityTypeConfiguration<PatientIdentifier>
{
    public const int SystemMaxLength = 200;
    public const int ValueMaxLength = 100;

    public void Configure(EntityTypeBuilder<PatientIdentifier> builder)
    {
        builder.Property(i => i.System).HasMaxLength(SystemMaxLength).IsRequired();
        builder.Property(i => i.Value).HasMaxLength(ValueMaxLength).IsRequired();
        builder.HasOne<Patient>().WithMany().HasForeignKey(i => i.PatientId).OnDelete(DeleteBehavior.Cascade);

        // One patient per identifier: a second patient sent with the same system and value is the same person.
        builder.HasIndex(i => new { i.System, i.Value }).IsUnique();
        builder.HasIndex(i => i.PatientId);
    }
}
