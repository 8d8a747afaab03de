using CipnCare.Clinical.Instruments;

namespace CipnCare.Clinical.Tests;

/// <summary>A small hand-built instrument, so each rule of the engine can be seen firing and not firing.</summary>
internal static class TinyInstrument
{
    public static readonly AnswerOption[] Scale = [new("0", "None", 0), new("1", "Mild", 1), new("2", "Moderate", 2), new("3", "Severe", 3), new("4", "Very severe", 4)];

    public static InstrumentItem Choice(string id, bool required = true, params EnableCondition[] when) =>
        new(id, $"Question {id}", ItemType.Choice, required, Scale, null, null, null, when, true, "Topic");

    public static InstrumentItem Item(string id, ItemType type, double? min = null, double? max = null, int? maxLength = null, bool required = true, params EnableCondition[] when) =>
        new(id, $"Question {id}", type, required, [], min, max, maxLength, when, true, "Topic");

    public static InstrumentDefinition With(ScoringDefinition scoring, params InstrumentItem[] items) =>
        new("https://example.org/Questionnaire/tiny", "1", "Tiny", "Tiny instrument", items, scoring);

    public static Dictionary<string, Answer> Codes(params (string Id, string Code)[] answers) => answers.ToDictionary(a => a.Id, a => Answer.Of(a.Code));
}

public sealed class ResponseRulesTests
{
    private static readonly InstrumentDefinition Falls = TinyInstrument.With(ScoringDefinition.None,
        TinyInstrument.Item("falls", ItemType.WholeNumber, 0, 50),
        TinyInstrument.Item("injury", ItemType.Boolean, when: new EnableCondition("falls", EnableOperator.Greater, Answer.Of(0))),
        TinyInstrument.Item("when", ItemType.Date, required: false, when: new EnableCondition("injury", EnableOperator.Equal, Answer.Of(true))),
        TinyInstrument.Item("notes", ItemType.Text, maxLength: 10, required: false),
        TinyInstrument.Item("weight", ItemType.DecimalNumber, 30, 300, required: false));

    [Fact]
    public void NoFalls_TheInjuryQuestionIsNotAsked_AndNotRequired()
    {
        var answers = new Dictionary<string, Answer> { ["falls"] = Answer.Of(0) };

        Assert.Empty(ResponseRules.Validate(Falls, answers));
        Assert.DoesNotContain("injury", ResponseRules.Enabled(Falls, answers));
    }

    [Fact]
    public void AFall_AsksAboutInjury_WhichIsThenRequired()
    {
        var answers = new Dictionary<string, Answer> { ["falls"] = Answer.Of(2) };

        var errors = ResponseRules.Validate(Falls, answers);

        Assert.Equal("Please answer \"Question injury\".", Assert.Single(errors).Value);
    }

    [Fact]
    public void ADependencyOnAnItemNotAsked_CountsItsAnswerAsAbsent()
    {
        // "when" depends on "injury", which is not asked when there were no falls: a stale injury answer does not count.
        var answers = new Dictionary<string, Answer> { ["falls"] = Answer.Of(0), ["injury"] = Answer.Of(true) };

        var enabled = ResponseRules.Enabled(Falls, answers);
        var kept = ResponseRules.AskedOnly(Falls, answers);

        Assert.Equal(["falls", "notes", "weight"], enabled.Order());
        Assert.Equal(["falls"], kept.Keys);
    }

    [Theory]
    [InlineData("falls", "2.5", "\"Question falls\" takes a whole number.")]
    [InlineData("falls", "51", "\"Question falls\" must be between 0 and 50.")]
    [InlineData("falls", "-1", "\"Question falls\" must be between 0 and 50.")]
    [InlineData("weight", "400", "\"Question weight\" must be between 30 and 300.")]
    [InlineData("notes", "eleven char", "Please keep \"Question notes\" to 10 characters or fewer (it has 11).")]
    [InlineData("ghost", "1", "'ghost' is not a question in Tiny instrument.")]
    public void ImpossibleAnswers_AreNamedInPlainWords(string linkId, string value, string message)
    {
        var answers = new Dictionary<string, Answer> { ["falls"] = Answer.Of(0) };
        answers[linkId] = linkId == "notes" ? Answer.FreeText(value) : Answer.Of(double.Parse(value, System.Globalization.CultureInfo.InvariantCulture));

        var errors = ResponseRules.Validate(Falls, answers);

        Assert.Equal(message, errors[linkId]);
    }

    [Fact]
    public void AChoiceAnswer_MustBeOneOfTheOptions_AndOfTheRightType()
    {
        var instrument = TinyInstrument.With(ScoringDefinition.None, TinyInstrument.Choice("q"));

        Assert.Equal("'7' is not an answer to \"Question q\". Choose one of: 0, 1, 2, 3, 4.", ResponseRules.Validate(instrument, TinyInstrument.Codes(("q", "7")))["q"]);
        Assert.Equal("\"Question q\" takes one of the listed answers.", ResponseRules.Validate(instrument, new Dictionary<string, Answer> { ["q"] = Answer.Of(true) })["q"]);
        Assert.Empty(ResponseRules.Validate(instrument, TinyInstrument.Codes(("q", "3"))));
    }

    [Theory]
    [InlineData(EnableOperator.Equal, 2, true)]
    [InlineData(EnableOperator.Equal, 3, false)]
    [InlineData(EnableOperator.NotEqual, 3, true)]
    [InlineData(EnableOperator.GreaterOrEqual, 2, true)]
    [InlineData(EnableOperator.Less, 2, false)]
    [InlineData(EnableOperator.LessOrEqual, 2, true)]
    public void EnableWhen_ComparesNumbers(EnableOperator op, double than, bool asked)
    {
        var instrument = TinyInstrument.With(ScoringDefinition.None,
            TinyInstrument.Item("n", ItemType.WholeNumber), TinyInstrument.Item("follow", ItemType.Boolean, when: new EnableCondition("n", op, Answer.Of(than))));

        Assert.Equal(asked, ResponseRules.Enabled(instrument, new Dictionary<string, Answer> { ["n"] = Answer.Of(2) }).Contains("follow"));
    }

    [Fact]
    public void EnableWhenAny_AsksWhenOneConditionHolds_AllNeedsEvery()
    {
        EnableCondition[] conditions = [new("a", EnableOperator.Equal, Answer.Of("3")), new("b", EnableOperator.Equal, Answer.Of("3"))];
        var any = TinyInstrument.Choice("follow", true, conditions) with { EnableWhenAll = false };
        var all = TinyInstrument.Choice("follow", true, conditions);
        var answers = TinyInstrument.Codes(("a", "3"), ("b", "0"));

        Assert.Contains("follow", ResponseRules.Enabled(TinyInstrument.With(ScoringDefinition.None, TinyInstrument.Choice("a"), TinyInstrument.Choice("b"), any), answers));
        Assert.DoesNotContain("follow", ResponseRules.Enabled(TinyInstrument.With(ScoringDefinition.None, TinyInstrument.Choice("a"), TinyInstrument.Choice("b"), all), answers));
    }
}

public sealed class InstrumentScoringTests
{
    private static readonly string[] FourItems = ["a", "b", "c", "d"];

    private static InstrumentDefinition Four(Subscale subscale) =>
        TinyInstrument.With(new ScoringDefinition([subscale], [], [], []), [.. FourItems.Select(i => TinyInstrument.Choice(i, required: false))]);

    [Fact]
    public void MeanSubscale_TransformedTo100_IsTheEortcLinearTransform()
    {
        var instrument = Four(new Subscale("s", "S", FourItems, Aggregation.Mean, 2, 0, 4, TransformTo100: true));

        // mean(1, 2, 3, 4) = 2.5 → 2.5 / 4 × 100 = 62.5
        var score = InstrumentScoring.Score(instrument, TinyInstrument.Codes(("a", "1"), ("b", "2"), ("c", "3"), ("d", "4")));

        Assert.Equal(62.5, score["s"]!.Value);
        Assert.Equal(4, score["s"]!.Answered);
    }

    [Fact]
    public void ReversedItems_CountFromTheOtherEnd()
    {
        var instrument = Four(new Subscale("s", "S", FourItems, Aggregation.Sum, 4, 0, 4, Reversed: ["d"]));

        // 1 + 2 + 3 + (0 + 4 − 4) = 6
        var score = InstrumentScoring.Score(instrument, TinyInstrument.Codes(("a", "1"), ("b", "2"), ("c", "3"), ("d", "4")));

        Assert.Equal(6, score["s"]!.Value);
    }

    [Fact]
    public void SumWithAMissingItem_IsProrated_AndTooFewAnswers_IsNotScored()
    {
        var instrument = Four(new Subscale("s", "S", FourItems, Aggregation.Sum, 3, 0, 4));

        var prorated = InstrumentScoring.Score(instrument, TinyInstrument.Codes(("a", "1"), ("b", "2"), ("c", "3")));
        var tooFew = InstrumentScoring.Score(instrument, TinyInstrument.Codes(("a", "1"), ("b", "2")));

        Assert.Equal(8, prorated["s"]!.Value); // mean 2 × 4 items
        Assert.Null(tooFew["s"]!.Value);
        Assert.Equal("2 of 4 items answered; at least 3 needed", Assert.Single(tooFew["s"]!.Reasons));
    }

    [Theory]
    [InlineData("0", false, false, 0)]
    [InlineData("3", false, false, 1)]
    [InlineData("2", true, false, 2)]
    [InlineData("1", true, true, 3)]
    [InlineData("0", true, true, 0)] // limits reported, but no symptoms in this domain
    public void Grade_FollowsCtcaeV5_FromWorstSeverityAndDailyLife(string worst, bool everyday, bool selfCare, int grade)
    {
        var instrument = TinyInstrument.With(
            new ScoringDefinition([], [new GradeRule("g", "Grade", "sensory", ["a", "b"], "iadl", "self")], [], []),
            TinyInstrument.Choice("a"), TinyInstrument.Choice("b"), TinyInstrument.Item("iadl", ItemType.Boolean), TinyInstrument.Item("self", ItemType.Boolean));
        var answers = TinyInstrument.Codes(("a", "0"), ("b", worst));
        answers["iadl"] = Answer.Of(everyday);
        answers["self"] = Answer.Of(selfCare);

        var score = InstrumentScoring.Score(instrument, answers)["g"]!;

        Assert.Equal(grade, score.Value);
        Assert.Equal("5.0", score.CtcaeVersion);
    }

    [Fact]
    public void Derived_CountAtLeast_CountsYesAnswers()
    {
        var instrument = TinyInstrument.With(
            new ScoringDefinition([], [], [], [new DerivedValue("yes", "Yes answers", DerivedKind.CountAtLeast, ["x", "y", "z"])]),
            TinyInstrument.Item("x", ItemType.Boolean), TinyInstrument.Item("y", ItemType.Boolean), TinyInstrument.Item("z", ItemType.Boolean));

        var score = InstrumentScoring.Score(instrument, new Dictionary<string, Answer> { ["x"] = Answer.Of(true), ["y"] = Answer.Of(false), ["z"] = Answer.Of(true) });

        Assert.Equal(2, score["yes"]!.Value);
    }

    [Fact]
    public void InvalidAnswers_AreNeverScored()
    {
        var instrument = Four(new Subscale("s", "S", FourItems, Aggregation.Sum, 1, 0, 4));

        Assert.Throws<ArgumentException>(() => InstrumentScoring.Score(instrument, TinyInstrument.Codes(("a", "9"))));
    }
}

public sealed class ProCtcaeCompositeTests
{
    // Rows read like clinical-reference.md §2 (Basch 2021 tables).
    [Theory]
    [InlineData(null, 0, 3, 0)] // severity 0 first → 0, whatever the interference
    [InlineData(null, 1, 0, 1)]
    [InlineData(null, 1, 3, 2)]
    [InlineData(null, 2, 2, 2)]
    [InlineData(null, 2, 4, 3)]
    [InlineData(null, 3, 1, 2)]
    [InlineData(null, 4, 0, 2)]
    [InlineData(null, 4, 4, 3)]
    public void SeverityTimesInterference(int? frequency, int severity, int interference, int grade) =>
        Assert.Equal(grade, ProCtcaeComposite.Grade(frequency, severity, interference, false, true, true));

    [Theory]
    [InlineData(0, 4, 0)]
    [InlineData(1, 0, 1)]
    [InlineData(2, 3, 2)]
    [InlineData(3, 2, 2)]
    [InlineData(4, 4, 3)]
    public void FrequencyTimesInterference(int frequency, int interference, int grade) =>
        Assert.Equal(grade, ProCtcaeComposite.Grade(frequency, null, interference, true, false, true));

    [Theory]
    [InlineData(2, 2, 2)] // the one cell that differs from frequency × interference
    [InlineData(1, 2, 1)]
    [InlineData(4, 4, 3)]
    public void FrequencyTimesSeverity(int frequency, int severity, int grade) =>
        Assert.Equal(grade, ProCtcaeComposite.Grade(frequency, severity, null, true, true, false));

    [Theory]
    [InlineData(1, 0, 0, 0)]
    [InlineData(1, 2, 1, 2)]
    [InlineData(2, 2, 0, 2)]
    [InlineData(3, 0, 0, 1)]
    [InlineData(3, 3, 2, 3)]
    [InlineData(4, 1, 2, 2)]
    [InlineData(4, 1, 4, 3)]
    [InlineData(0, 4, 4, 0)] // frequency 0 first → 0
    public void FrequencyTimesSeverityTimesInterference(int frequency, int severity, int interference, int grade) =>
        Assert.Equal(grade, ProCtcaeComposite.Grade(frequency, severity, interference, true, true, true));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    public void FrequencyAlone(int frequency, int grade) => Assert.Equal(grade, ProCtcaeComposite.Grade(frequency, null, null, true, false, false));

    [Theory]
    [InlineData(2, 2)]
    [InlineData(4, 3)]
    public void SeverityAlone(int severity, int grade) => Assert.Equal(grade, ProCtcaeComposite.Grade(null, severity, null, false, true, false));

    [Fact]
    public void AMissingLaterAttribute_WhenTheFirstIsAboveZero_IsNotGraded() =>
        Assert.Null(ProCtcaeComposite.Grade(null, 2, null, false, true, true));
}

public sealed class DefinitionCheckTests
{
    [Fact]
    public void ScoringThatNamesMissingOrUnscoredItems_IsRefusedWithReasons()
    {
        var instrument = TinyInstrument.With(
            new ScoringDefinition([new Subscale("s", "S", ["a", "ghost", "t"], Aggregation.Mean, 5, 4, 0)], [], [], []),
            TinyInstrument.Choice("a"), TinyInstrument.Choice("a"), TinyInstrument.Item("t", ItemType.Text));

        var problems = DefinitionCheck.Problems(instrument);

        Assert.Contains("linkId 'a' is used more than once.", problems);
        Assert.Contains("Subscale 's' uses 'ghost', which is not in the questionnaire.", problems);
        Assert.Contains("Subscale 's' uses 't', which has no score (it is text).", problems);
        Assert.Contains("Subscale 's' needs an item maximum above its minimum.", problems);
        Assert.Contains("Subscale 's' asks for more answered items than it has.", problems);
    }

    [Fact]
    public void AWellFormedInstrument_HasNoProblems() =>
        Assert.Empty(DefinitionCheck.Problems(TinyInstrument.With(
            new ScoringDefinition([new Subscale("s", "S", ["a"], Aggregation.Mean, 1, 0, 4, true)], [], [], []), TinyInstrument.Choice("a"))));
}
