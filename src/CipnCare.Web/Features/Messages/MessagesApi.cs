using System.Security.Claims;
using CipnCare.Web.Features.Outcomes;
using CipnCare.Web.Features.Patients;

namespace CipnCare.Web.Features.Messages;

/// <summary>A message as the API takes it: subject (new conversations), body, and an optional photo as base64.</summary>
public sealed record MessageRequest(string? Subject, string? Body, string? PhotoBase64);

/// <summary>
/// Messages with the care team (issue #19): <c>/api/patients/{id}/messages</c> (list, start a conversation),
/// <c>/api/messages/{threadId}</c> (read, reply); and <c>/messages/photos/{id}</c>, a photo for those who may read it.
/// </summary>
public static class MessagesApi
{
    public static RouteGroupBuilder MapMessages(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Messages").RequireAuthorization();
        api.MapGet("/patients/{patientId:guid}/messages", ListAsync).WithSummary("The patient's conversations with their care team.");
        api.MapPost("/patients/{patientId:guid}/messages", StartAsync).WithSummary("Starts a conversation; the answer says what the sender must do at once (nextStep) and when a reply is due.");
        api.MapGet("/messages/{threadId:guid}", ReadAsync).WithSummary("One conversation (marks it read).");
        api.MapPost("/messages/{threadId:guid}", ReplyAsync).WithSummary("Writes in a conversation.");
        app.MapGet("/messages/photos/{photoId:guid}", PhotoAsync).RequireAuthorization().ExcludeFromDescription();
        return api;
    }

    public static async Task<IResult> ListAsync(Guid patientId, ClaimsPrincipal user, MessageQueries queries, CancellationToken cancellationToken)
    {
        var (outcome, _) = await queries.OpenAsync(user, patientId, "list messages", cancellationToken);
        return outcome switch
        {
            AccessOutcome.Allowed => TypedResults.Ok(await queries.ThreadsAsync(user, patientId, cancellationToken)),
            AccessOutcome.NotFound => PatientProblems.NotFound(patientId),
            _ => PatientProblems.Forbidden(),
        };
    }

    public static async Task<IResult> StartAsync(Guid patientId, MessageRequest request, ClaimsPrincipal user, SendMessage send, CancellationToken cancellationToken)
    {
        if (Photo(request) is { Problem: { } problem })
        {
            return OutcomeHttp.Problem(Outcome.Invalid("photoBase64", problem));
        }

        return (await send.StartAsync(user, patientId, new NewMessage(request.Subject, request.Body, Photo(request).Bytes), cancellationToken))
            .ToHttpResult(sent => TypedResults.Created($"/api/messages/{sent.ThreadId}", sent));
    }

    public static async Task<IResult> ReadAsync(Guid threadId, ClaimsPrincipal user, MessageQueries queries, CancellationToken cancellationToken)
    {
        var (outcome, thread) = await queries.ThreadAsync(user, threadId, cancellationToken);
        return outcome switch
        {
            AccessOutcome.Allowed => TypedResults.Ok(new
            {
                thread!.Id,
                PatientId = thread.Patient.Id,
                thread.Subject,
                thread.Messages,
                thread.WaitingSince,
                thread.ReplyDueAt,
                thread.MayWrite,
            }),
            AccessOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "There is no such conversation."),
            _ => PatientProblems.Forbidden(),
        };
    }

    public static async Task<IResult> ReplyAsync(Guid threadId, MessageRequest request, ClaimsPrincipal user, SendMessage send, CancellationToken cancellationToken)
    {
        if (Photo(request) is { Problem: { } problem })
        {
            return OutcomeHttp.Problem(Outcome.Invalid("photoBase64", problem));
        }

        return (await send.ReplyAsync(user, threadId, new NewMessage(null, request.Body, Photo(request).Bytes), cancellationToken))
            .ToHttpResult(sent => TypedResults.Created($"/api/messages/{sent.ThreadId}", sent));
    }

    /// <summary>The photo's bytes, private to the person's browser and never sniffed as anything but an image.</summary>
    public static async Task<IResult> PhotoAsync(Guid photoId, HttpContext http, MessageQueries queries, CancellationToken cancellationToken)
    {
        if (await queries.PhotoAsync(http.User, photoId, cancellationToken) is not { } photo)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(photo.Content, photo.ContentType);
    }

    private static (byte[]? Bytes, string? Problem) Photo(MessageRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.PhotoBase64))
        {
            return (null, null);
        }

        var buffer = new byte[request.PhotoBase64.Length];
        return Convert.TryFromBase64String(request.PhotoBase64, buffer, out var written) ? (buffer[..written], null) : (null, "The photo is not valid base64.");
    }
}
