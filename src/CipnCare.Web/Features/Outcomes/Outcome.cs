namespace CipnCare.Web.Features.Outcomes;

/// <summary>What became of a use case: done, or one of the ways it was not.</summary>
public enum OutcomeKind
{
    Ok,

    /// <summary>The input broke a rule; <see cref="Failure.Errors"/> says which field and why. Nothing was stored.</summary>
    Invalid,

    /// <summary>The patient, or the thing inside their record, does not exist.</summary>
    NotFound,

    /// <summary>The caller may not do this (the refusal is audited by the use case).</summary>
    Denied,

    /// <summary>The input is valid but clashes with what is stored (a duplicate, an answered version, a dose that needs acknowledging).</summary>
    Conflict,

    /// <summary>Too many attempts (for example codes tried on an account): not even looked at; try again after a wait.</summary>
    TooManyAttempts,

    /// <summary>The change was asked against an older version of the record (someone changed it since): read it again first.</summary>
    Stale,
}

/// <summary>
/// Why a use case did not do what was asked. Converts to any <see cref="Outcome{T}"/>, so a use case writes
/// <c>return Outcome.Denied("…")</c> whatever it returns when it succeeds.
/// </summary>
/// <param name="Kind">Which of the four ways it was not done.</param>
/// <param name="Errors">Field → message; for <see cref="OutcomeKind.Invalid"/>, <see cref="OutcomeKind.Conflict"/> and <see cref="OutcomeKind.TooManyAttempts"/>.</param>
/// <param name="Detail">One sentence for the person: shown on the page, sent as the problem's detail.</param>
/// <param name="Extensions">Extra members of the API's problem body (for example the dose-safety findings of a conflict).</param>
public sealed record Failure(OutcomeKind Kind, IReadOnlyDictionary<string, string> Errors, string? Detail, IReadOnlyDictionary<string, object?> Extensions);

/// <summary>
/// The one result type of the use cases shared by pages and endpoints (docs/architecture.md, "One outcome").
/// The API turns it into a status code in one place (<see cref="OutcomeHttp"/>); pages show it with
/// <see cref="OutcomeForms"/>.
/// </summary>
public sealed class Outcome<T>
{
    private readonly T? _value;

    private Outcome(T value)
    {
        _value = value;
        Kind = OutcomeKind.Ok;
        Failure = null;
    }

    private Outcome(Failure failure)
    {
        Kind = failure.Kind;
        Failure = failure;
    }

    public OutcomeKind Kind { get; }

    public bool IsOk => Kind == OutcomeKind.Ok;

    /// <summary>What the use case produced; only when <see cref="IsOk"/>.</summary>
    public T Value => IsOk ? _value! : throw new InvalidOperationException($"A {Kind} outcome has no value.");

    /// <summary>Why not; null when <see cref="IsOk"/>.</summary>
    public Failure? Failure { get; }

    /// <summary>Field → message (empty unless invalid or in conflict).</summary>
    public IReadOnlyDictionary<string, string> Errors => Failure?.Errors ?? Outcome.NoErrors;

    public static implicit operator Outcome<T>(Failure failure) => new(failure);

    internal static Outcome<T> From(T value) => new(value);

    /// <summary>The same failure for a use case with another result type.</summary>
    public Outcome<TOther> Cast<TOther>() => IsOk ? throw new InvalidOperationException("Only a failure can be passed on.") : Failure!;

    /// <summary>Another result for the same success; failures pass through unchanged.</summary>
    public Outcome<TOther> Map<TOther>(Func<T, TOther> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return IsOk ? Outcome.Ok(map(Value)) : Failure!;
    }
}

public static class Outcome
{
    public static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    private static readonly IReadOnlyDictionary<string, object?> NoExtensions = new Dictionary<string, object?>();

    public static Outcome<T> Ok<T>(T value) => Outcome<T>.From(value);

    /// <summary>Done, with nothing to hand back.</summary>
    public static Outcome<Done> Ok() => Outcome<Done>.From(Done.Value);

    public static Failure Invalid(IReadOnlyDictionary<string, string> errors) =>
        new(OutcomeKind.Invalid, errors.Count > 0 ? errors : throw new ArgumentException("An invalid outcome names at least one field.", nameof(errors)), null, NoExtensions);

    public static Failure Invalid(string field, string message) => Invalid(new Dictionary<string, string> { [field] = message });

    public static Failure NotFound(string detail) => new(OutcomeKind.NotFound, NoErrors, detail, NoExtensions);

    public static Failure Denied(string detail) => new(OutcomeKind.Denied, NoErrors, detail, NoExtensions);

    public static Failure Conflict(string field, string message, IReadOnlyDictionary<string, object?>? extensions = null) =>
        new(OutcomeKind.Conflict, new Dictionary<string, string> { [field] = message }, message, extensions ?? NoExtensions);

    /// <summary>Not changed: <paramref name="detail"/> says the record changed since the version the caller read.</summary>
    public static Failure Stale(string detail) => new(OutcomeKind.Stale, NoErrors, detail, NoExtensions);

    /// <summary>Refused without looking: too many attempts; <c>retryAfterSeconds</c> in the API's problem says how long to wait.</summary>
    public static Failure TooManyAttempts(string field, string message, TimeSpan retryAfter) =>
        new(OutcomeKind.TooManyAttempts, new Dictionary<string, string> { [field] = message }, message,
            new Dictionary<string, object?> { ["retryAfterSeconds"] = (int)Math.Ceiling(retryAfter.TotalSeconds) });
}

/// <summary>The value of a use case that hands nothing back.</summary>
public sealed record Done
{
    public static readonly Done Value = new();

    private Done()
    {
    }
}
