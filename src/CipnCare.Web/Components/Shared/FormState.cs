using System.Globalization;

namespace CipnCare.Web.Components.Shared;

/// <summary>
/// What a posted form said, read once, typed the way our inputs send it, and the messages for its fields. Pages keep
/// one per form (or one per page when its forms share fields) instead of copying <c>Request.Form</c> into dictionaries.
/// An empty field is null; a value that does not parse is null too, and the use case says what it needs.
/// </summary>
public sealed class FormState
{
    private readonly Dictionary<string, string[]> _values = new(StringComparer.Ordinal);

    public FormState(IEnumerable<KeyValuePair<string, string>>? values = null)
    {
        Reset(values);
    }

    /// <summary>The posted form on a POST; otherwise <paramref name="defaults"/>.</summary>
    public static FormState Read(HttpContext http, IEnumerable<KeyValuePair<string, string>>? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.HasFormContentType)
        {
            return new FormState(defaults);
        }

        var posted = new FormState();
        foreach (var (name, values) in http.Request.Form)
        {
            posted._values[name] = [.. values.OfType<string>()];
        }

        return posted;
    }

    /// <summary>Field → message, shown by <see cref="ErrorSummary"/> and <see cref="FieldError"/>.</summary>
    public Dictionary<string, string> Errors { get; set; } = [];

    /// <summary>The field's (first) value; null when empty or left out.</summary>
    public string? Value(string name) => _values.GetValueOrDefault(name) is [var value, ..] && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>Each field's (first) value, for parsers that read a whole form (the exam).</summary>
    public IReadOnlyDictionary<string, string> Values => _values.Where(v => v.Value.Length > 0).ToDictionary(v => v.Key, v => v.Value[0], StringComparer.Ordinal);

    /// <summary>Every value a field sent (checkboxes sharing a name).</summary>
    public IReadOnlyList<string> All(string name) => _values.GetValueOrDefault(name) ?? [];

    public int? WholeNumber(string name) => int.TryParse(Value(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A decimal number; a comma counts as the decimal point ("1,5" is 1.5).</summary>
    public double? Number(string name) =>
        double.TryParse(Value(name)?.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    /// <summary>Something typed that is not a number: say so rather than treat it as left empty.</summary>
    public bool IsNotANumber(string name) => Value(name) is not null && Number(name) is null;

    /// <summary>A date as <c>&lt;input type="date"&gt;</c> sends it (yyyy-MM-dd).</summary>
    public DateOnly? Date(string name) => DateOnly.TryParseExact(Value(name), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;

    /// <summary>A wall-clock date and time as <c>&lt;input type="datetime-local"&gt;</c> sends it, not yet tied to a zone.</summary>
    public DateTime? LocalDateTime(string name) =>
        DateTime.TryParseExact(Value(name), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;

    /// <summary>A choice by its name; a number or an unknown name is no choice.</summary>
    public TEnum? Choice<TEnum>(string name) where TEnum : struct, Enum =>
        Value(name) is { } text && !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
        && System.Enum.TryParse<TEnum>(text, out var value) && System.Enum.IsDefined(value) ? value : null;

    public Guid? Id(string name) => Guid.TryParse(Value(name), out var value) ? value : null;

    /// <summary>Whether the field was sent and empty or filled, as opposed to left out of the form.</summary>
    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>A date typed that is not a date: say so rather than "enter the date".</summary>
    public bool IsBadDate(string name) => Value(name) is not null && Date(name) is null;

    /// <summary>The class a field's wrapper takes when it has an error.</summary>
    public string? Invalid(string name) => Errors.ContainsKey(name) ? "invalid" : null;

    /// <summary>aria-invalid for an input: "true" when its field has an error, else left out.</summary>
    public string? AriaInvalid(string name) => Errors.ContainsKey(name) ? "true" : null;

    public void Set(string name, string value) => _values[name] = [value];

    /// <summary>After a save: the fields start again from <paramref name="defaults"/>, and no errors.</summary>
    public void Reset(IEnumerable<KeyValuePair<string, string>>? defaults = null)
    {
        _values.Clear();
        foreach (var (name, value) in defaults ?? [])
        {
            _values[name] = [value];
        }

        Errors = [];
    }
}
