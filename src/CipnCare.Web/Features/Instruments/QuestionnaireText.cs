using CipnCare.Clinical.Instruments;

namespace CipnCare.Web.Features.Instruments;

/// <summary>
/// What the instrument engine takes from a questionnaire: its identity, status and items in our own types, and every
/// problem in plain words. <see cref="IsQuestionnaire"/> is false when the JSON was not a questionnaire at all.
/// </summary>
public sealed record QuestionnaireText(bool IsQuestionnaire, string Url, string Version, string Name, string Title, string Status, IReadOnlyList<InstrumentItem> Items, IReadOnlyList<string> Problems,
    IReadOnlyDictionary<string, string>? TitleTranslations = null)
{
    public static QuestionnaireText Unreadable(string problem) => new(false, "", "", "", "", "", [], [problem]);
}

/// <summary>
/// Reads a stored questionnaire. Instruments are stored as FHIR R4 Questionnaires, and Firely types stay in Fhir/, so
/// the reader lives there (<c>Fhir/FhirQuestionnaireReader</c>) and Program.cs wires it in: this feature never
/// reaches into an adapter.
/// </summary>
public interface IQuestionnaireReader
{
    QuestionnaireText Read(string json);
}
