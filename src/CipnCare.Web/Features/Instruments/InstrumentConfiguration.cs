using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Features.Instruments;

public sealed class InstrumentConfiguration : IEntityTypeConfiguration<Instrument>
{
    public void Configure(EntityTypeBuilder<Instrument> builder)
    {
        builder.HasIndex(i => new { i.Url, i.Version }).IsUnique();
        builder.Property(i => i.Url).HasMaxLength(300);
        builder.Property(i => i.Version).HasMaxLength(50);
        builder.Property(i => i.Name).HasMaxLength(200);
        builder.Property(i => i.Title).HasMaxLength(300);
        builder.Property(i => i.Status).HasMaxLength(20);
        builder.Property(i => i.Source).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.LoadedByUserId).HasMaxLength(450);
    }
}
