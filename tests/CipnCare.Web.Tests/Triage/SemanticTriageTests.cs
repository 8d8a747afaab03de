using CipnCare.Clinical.Alerts;
using CipnCare.Web.Features.Alerts.Triage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace CipnCare.Web.Tests.Triage;

/// <summary>The semantic layer's bounds: what it embeds for one note, whatever the note.</summary>
public sealed class SemanticTriageTests
{
    /// <summary>Counts what it is asked to embed; every vector the same, so nothing is ever close to a risk example.</summary>
    private sealed class CountingEmbedder : ISentenceEmbedder
    {
        public List<string> Notes { get; } = [];

        public float[][] Embed(IReadOnlyList<string> sentences)
        {
            if (sentences.Count == 1)
            {
                Notes.Add(sentences[0]);
            }

            return [.. sentences.Select(_ => Enumerable.Repeat(0f, 384).ToArray())];
        }
    }

    [Fact]
    public void ANoteOfFiveHundredSentences_EmbedsAtMostTheCap_EachCutShort()
    {
        var embedder = new CountingEmbedder();
        var semantic = new SemanticTriage(embedder, new ConfigurationBuilder().Build(), NullLogger<SemanticTriage>.Instance);
        var note = string.Join(". ", Enumerable.Range(0, 500).Select(i => $"word{i} " + new string('x', 10)));

        semantic.Assess(FreeTextTriage.Assess(note));

        Assert.Equal(SemanticTriage.MaxSentences + 1, embedder.Notes.Count); // the sentences, and the whole note
        Assert.All(embedder.Notes, n => Assert.True(n.Length <= SemanticTriage.MaxCharacters, $"{n.Length} characters"));
    }

    [Fact]
    public void ASentenceTheRulesSetAside_IsStillRead()
    {
        var embedder = new CountingEmbedder();
        var semantic = new SemanticTriage(embedder, new ConfigurationBuilder().Build(), NullLogger<SemanticTriage>.Instance);

        semantic.Assess(FreeTextTriage.Assess("no chest pain this week"));

        Assert.Equal(["no chest pain this week"], embedder.Notes);
    }
}
