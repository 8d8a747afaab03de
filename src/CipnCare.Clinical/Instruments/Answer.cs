using System.Globalization;

namespace CipnCare.Clinical.Instruments;

/// <summary>One answer: exactly one of its values is set, matching the item's type.</summary>
public sealed record Answer(string? Code = null, double? Number = null, bool? Boolean = null, DateOnly? Date = null, string? Text = null)
{
    public static Answer Of(string code) => new(Code: code);

    public static Answer Of(double number) => new(Number: number);

    public static Answer Of(bool value) => new(Boolean: value);

    public static Answer Of(DateOnly date) => new(Date: date);

    public static Answer FreeText(string text) => new(Text: text);

    public override string ToString() =>
        Code ?? Text ?? Number?.ToString(CultureInfo.InvariantCulture) ?? Boolean?.ToString() ?? Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
