using System.Collections.Concurrent;
using CipnCare.Clinical.Instruments;

namespace CipnCare.Web.Features.Instruments;

/// <summary>
/// Parsed instrument definitions, one per stored version, with the JSON they were parsed from (issue #17: every
/// submission read both JSON documents and parsed them again). Kept by row id: a stored version's content does not
/// change while instances serve (see <see cref="InstrumentLibrary"/>).
/// </summary>
public sealed class ParsedInstruments
{
    private readonly ConcurrentDictionary<Guid, Entry> _byRow = new();

    public sealed record Entry(string Questionnaire, string Scoring, InstrumentDefinition Definition);

    public Entry? Find(Guid rowId) => _byRow.TryGetValue(rowId, out var entry) ? entry : null;

    public void Remember(Instrument row, InstrumentDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(row);
        _byRow[row.Id] = new(row.QuestionnaireJson, row.ScoringJson, definition);
    }

    /// <summary>Forgets a version whose stored JSON was just changed (the start-up update of a shipped version).</summary>
    public void Forget(Guid rowId) => _byRow.TryRemove(rowId, out _);
}
