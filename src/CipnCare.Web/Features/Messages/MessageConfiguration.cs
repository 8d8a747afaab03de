using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using CipnCare.Web.Features.Localization;

namespace CipnCare.Web.Features.Messages;

public sealed class MessageThreadConfiguration : IEntityTypeConfiguration<MessageThread>
{
    public void Configure(EntityTypeBuilder<MessageThread> builder)
    {
        builder.Property(t => t.Subject).HasMaxLength(MessageThread.SubjectMaxLength).IsRequired();
        builder.Property(t => t.Language).HasMaxLength(Languages.CodeMaxLength).HasDefaultValue(Languages.English);
        builder.HasIndex(t => new { t.PatientId, t.LastMessageAt });
        builder.HasIndex(t => new { t.CareTeamId, t.WaitingSince }); // the worklist: a team's threads waiting for a reply
        builder.HasOne<Patients.Patient>().WithMany().HasForeignKey(t => t.PatientId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.Property(m => m.AuthorUserId).HasMaxLength(450).IsRequired();
        builder.Property(m => m.AuthorName).HasMaxLength(256).IsRequired();
        builder.Property(m => m.AuthorRole).HasMaxLength(20).IsRequired();
        builder.Property(m => m.Body).HasMaxLength(Message.BodyMaxLength).IsRequired();
        builder.Property(m => m.Language).HasMaxLength(Languages.CodeMaxLength).HasDefaultValue(Languages.English);
        builder.Property(m => m.NextStep).HasConversion<string>().HasMaxLength(30);
        builder.HasIndex(m => new { m.ThreadId, m.SentAt });
        builder.HasIndex(m => m.PatientId);
        builder.HasOne<MessageThread>().WithMany().HasForeignKey(m => m.ThreadId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MessageAttachmentConfiguration : IEntityTypeConfiguration<MessageAttachment>
{
    public void Configure(EntityTypeBuilder<MessageAttachment> builder)
    {
        builder.Property(a => a.ContentType).HasMaxLength(20).IsRequired();
        builder.Property(a => a.Content).IsRequired();
        builder.HasIndex(a => a.MessageId);
        builder.HasOne<Message>().WithMany().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MessageReadConfiguration : IEntityTypeConfiguration<MessageRead>
{
    public void Configure(EntityTypeBuilder<MessageRead> builder)
    {
        builder.HasKey(r => new { r.ThreadId, r.UserId });
        builder.Property(r => r.UserId).HasMaxLength(450);
        builder.HasOne<MessageThread>().WithMany().HasForeignKey(r => r.ThreadId).OnDelete(DeleteBehavior.Cascade);
    }
}
