using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Features.Instruments;

public sealed class ResponseDraftConfiguration : IEntityTypeConfiguration<ResponseDraft>
{
    public void Configure(EntityTypeBuilder<ResponseDraft> builder)
    {
        builder.HasOne<Patient>().WithMany().HasForeignKey(d => d.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Instrument>().WithMany().HasForeignKey(d => d.InstrumentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.PatientId, d.InstrumentId, d.UserId }).IsUnique();
        builder.Property(d => d.UserId).HasMaxLength(450);
        builder.Property(d => d.SubmissionKey).HasMaxLength(100);
    }
}
