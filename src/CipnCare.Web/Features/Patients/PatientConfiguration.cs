using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.CareTeams;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Features.Patients;

public sealed class PatientConfiguration : IEntityTypeConfiguration<Patient>
{
    public const int MrnMaxLength = 40;
    public const int NameMaxLength = 100;
    public const int DiagnosisMaxLength = 300;

    public void Configure(EntityTypeBuilder<Patient> builder)
    {
        builder.Property(p => p.Mrn).HasMaxLength(MrnMaxLength).IsRequired();
        builder.HasIndex(p => p.Mrn).IsUnique();
        builder.Property(p => p.MrnSystem).HasMaxLength(PatientIdentifierConfiguration.SystemMaxLength);
        builder.Property(p => p.Version).HasDefaultValue(1); // changes are serialised by PatientVersions' key (PatientVersioning.Next)
        builder.Property(p => p.GivenName).HasMaxLength(NameMaxLength).IsRequired();
        builder.Property(p => p.FamilyName).HasMaxLength(NameMaxLength).IsRequired();
        builder.Property(p => p.Sex).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.TreatmentStatus).HasConversion<string>().HasMaxLength(30);
        builder.Property(p => p.Phone).HasMaxLength(40);
        builder.Property(p => p.Email).HasMaxLength(256);
        builder.Property(p => p.BsaFormula).HasConversion<string>().HasMaxLength(20).HasDefaultValue(CipnCare.Clinical.Exposure.BsaFormula.Mosteller);
        builder.Property(p => p.Diagnosis).HasMaxLength(DiagnosisMaxLength);
        builder.Ignore(p => p.FullName);
        builder.HasOne<CareTeam>().WithMany().HasForeignKey(p => p.CareTeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(p => p.UserId).IsUnique();
        builder.HasIndex(p => p.CareTeamId);
        builder.HasIndex(p => new { p.FamilyName, p.GivenName });
    }
}
