using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Features.Smart;

public sealed class ServerKeyConfiguration : IEntityTypeConfiguration<ServerKey>
{
    public void Configure(EntityTypeBuilder<ServerKey> builder)
    {
        builder.Property(k => k.Purpose).HasMaxLength(20).IsRequired();
        builder.Property(k => k.ProtectedKey).IsRequired();

        // One key per purpose: two instances starting together create one, and the second reads it.
        builder.HasIndex(k => k.Purpose).IsUnique();
    }
}
