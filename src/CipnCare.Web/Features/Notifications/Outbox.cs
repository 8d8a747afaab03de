using CipnCare.Web.Data;

namespace CipnCare.Web.Features.Notifications;

/// <summary>Stages an email in the caller's unit of work; it is sent after the caller's SaveChanges commits.</summary>
public sealed class Outbox(CipnDbContext db, TimeProvider clock)
{
    public OutboxMessage Enqueue(string kind, string to, string subject, string body)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage { Id = Guid.CreateVersion7(), Kind = kind, To = to, Subject = subject, Body = body, CreatedAt = now, NextAttemptAt = now };
        db.OutboxMessages.Add(message);
        return message;
    }
}
