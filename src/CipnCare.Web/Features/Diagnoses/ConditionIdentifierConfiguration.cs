using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Features.Diagnoses;

public sealed class ConditionIdentifierConfiguration : IEntityTypeConfiguration<ConditionIdentifier>
{
    public void Configure(EntityTypeBuilder<ConditionIdentifier> builder)
    {
        builder.Property(i => i.System).HasMaxLength(PatientIdentifierConfiguration.SystemMaxLength).IsRequired();
        builder.Property(i => i.Value).HasMaxLength(PatientIdentifierConfiguration.ValueMaxLength).IsRequired();
        builder.HasOne<CancerCondition>().WithMany(c => c.Identifiers).HasForeignKey(i => i.ConditionId).OnDelete(DeleteBehavior.Cascade);

        // One diagnosis per identifier: the same system and value sent again is the same diagnosis.
        builder.HasIndex(i => new { i.System, i.Value }).IsUnique();
        builder.HasIndex(i => i.ConditionId);
    }
}
