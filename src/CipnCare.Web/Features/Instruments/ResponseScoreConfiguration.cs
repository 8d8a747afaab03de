using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Features.Instruments;

public sealed class ResponseScoreConfiguration : IEntityTypeConfiguration<ResponseScore>
{
    public void Configure(EntityTypeBuilder<ResponseScore> builder)
    {
        builder.HasIndex(s => new { s.PatientId, s.Code, s.EffectiveAt });
        builder.Property(s => s.Code).HasMaxLength(100);
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Unit).HasMaxLength(20);
        builder.Property(s => s.CtcaeVersion).HasMaxLength(10);
        builder.Property(s => s.Reasons).HasMaxLength(1000);
    }
}
