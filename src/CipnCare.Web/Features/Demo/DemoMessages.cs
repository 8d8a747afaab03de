using CipnCare.Clinical;
using CipnCare.Clinical.Messages;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Localization;
using CipnCare.Web.Features.Messages;
using SkiaSharp;

namespace CipnCare.Web.Features.Demo;

/// <summary>
/// The demo's messages (issue #19): Anna asked about her father's cold feet and Dr Okafor answered from a template;
/// Maria sent a photo of a blister she had not felt and is still waiting, past the team's two working days, so the
/// worklist shows her message and its alert.
/// </summary>
public sealed class DemoMessages(CipnDbContext db, DateTime now, TeamZone zone)
{
    public void Seed(Guid walter, string annaId, Guid maria, string mariaId, string clinicianId, string clinicianName, Guid careTeam)
    {
        var walterThread = Thread(walter, careTeam, "Dad's feet in the cold", now.AddDays(-3));
        Add(walterThread, annaId, "Anna Schmidt", Roles.Caregiver, now.AddDays(-3),
            "Dad's feet go completely numb when we go out in the cold and he doesn't notice when his shoes rub. Is there anything we should do?");
        Add(walterThread, clinicianId, clinicianName, Roles.Clinician, now.AddDays(-2),
            "Hello Anna,\n\nThank you for your message. Numb feet can be hurt without him feeling it. Our guidance on checking and protecting them every day is on the Guidance page (\"Protecting your feet and hands\"). Warm socks and roomy, well-fitting boots help; please check his feet each evening.\n\nIf a sore is red, hot, swollen or weeping, call us today.");
        walterThread.LastMessageAt = now.AddDays(-2);

        var sentAt = now.AddDays(-5);
        var mariaThread = Thread(maria, careTeam, "A blister on my heel", sentAt);
        var message = Add(mariaThread, mariaId, "Maria Santos", Roles.Patient, sentAt,
            "I found a blister on my left heel this morning that I did not feel at all. It is not red or hot. Should I do anything before my next visit?");
        var (photo, _) = Photos.Clean(BlisterPhoto());
        db.MessageAttachments.Add(new MessageAttachment { Id = Guid.CreateVersion7(), MessageId = message.Id, PatientId = maria, ContentType = photo!.ContentType, Width = photo.Width, Height = photo.Height, Content = photo.Content });
        mariaThread.WaitingSince = sentAt;
        mariaThread.ReplyDueAt = ReplyTargets.DueAt(sentAt, ReplyTargets.DefaultWorkingDays, zone);
    }

    /// <summary>Rosa writes in Spanish (issue #20): the team sees her words as written, marked "Written in Spanish".</summary>
    public void SeedSpanish(Guid rosa, string rosaId, Guid careTeam)
    {
        var sentAt = now.AddHours(-20);
        var thread = Thread(rosa, careTeam, "Los dedos y el frío", sentAt);
        thread.Language = Languages.Spanish;
        var message = Add(thread, rosaId, "Rosa Hernández", Roles.Patient, sentAt,
            "Buenas tardes. Desde la última quimio siento los dedos dormidos cuando agarro algo frío del refrigerador. ¿Es normal? ¿Qué puedo hacer?");
        message.Language = Languages.Spanish;
        thread.WaitingSince = sentAt;
        thread.ReplyDueAt = ReplyTargets.DueAt(sentAt, ReplyTargets.DefaultWorkingDays, zone);
    }

    private MessageThread Thread(Guid patientId, Guid careTeam, string subject, DateTime at)
    {
        var thread = new MessageThread { Id = Guid.CreateVersion7(), PatientId = patientId, CareTeamId = careTeam, Subject = subject, StartedAt = at, LastMessageAt = at };
        db.MessageThreads.Add(thread);
        return thread;
    }

    private Message Add(MessageThread thread, string userId, string name, string role, DateTime at, string body)
    {
        var message = new Message { Id = Guid.CreateVersion7(), ThreadId = thread.Id, PatientId = thread.PatientId, AuthorUserId = userId, AuthorName = name, AuthorRole = role, Body = body, SentAt = at };
        db.Messages.Add(message);
        if (db.MessageReads.Local.FirstOrDefault(r => r.ThreadId == thread.Id && r.UserId == userId) is { } read)
        {
            read.ReadUpTo = at;
        }
        else
        {
            db.MessageReads.Add(new MessageRead { ThreadId = thread.Id, UserId = userId, ReadUpTo = at });
        }

        return message;
    }

    /// <summary>A drawn stand-in for a phone photo: skin with a pale blister.</summary>
    private static byte[] BlisterPhoto()
    {
        using var bitmap = new SKBitmap(320, 240);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(224, 172, 150));
            using var blister = new SKPaint { Color = new SKColor(246, 226, 210), IsAntialias = true };
            canvas.DrawOval(new SKRect(130, 95, 190, 140), blister);
            using var rim = new SKPaint { Color = new SKColor(200, 120, 110), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 3 };
            canvas.DrawOval(new SKRect(130, 95, 190, 140), rim);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }
}
