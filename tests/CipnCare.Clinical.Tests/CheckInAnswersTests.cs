using CipnCare.Clinical.CheckIns;

namespace CipnCare.Clinical.Tests;

public sealed class CheckInAnswersTests
{
    [Fact]
    public void Validate_CompleteAnswers_HasNoErrors() => Assert.Empty(Answers.With().Validate());

    [Fact]
    public void Validate_MissingItem_NamesTheQuestion()
    {
        var scores = CheckInItems.All.Where(i => i.Id != CheckInItems.Balance).ToDictionary(i => i.Id, _ => 1);

        var errors = new CheckInAnswers(scores, false, false, null).Validate();

        var error = Assert.Single(errors);
        Assert.Equal(CheckInItems.Balance, error.Key);
        Assert.Contains("unsteady", error.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(5)]
    [InlineData(100)]
    public void Validate_OutOfRange_IsRefused(int value)
    {
        var errors = Answers.With(scores: [(CheckInItems.PainFeet, value)]).Validate();

        Assert.Equal("\"Burning, shooting or aching pain in your feet or toes\" must be between 0 and 4.", errors[CheckInItems.PainFeet]);
    }

    [Fact]
    public void Validate_UnknownItem_IsRefused()
    {
        var scores = CheckInItems.All.ToDictionary(i => i.Id, _ => 0);
        scores["hearing"] = 2;

        var errors = new CheckInAnswers(scores, false, false, null).Validate();

        Assert.Equal("\"hearing\" is not a question in this check-in.", errors["hearing"]);
    }

    [Fact]
    public void Validate_NoteTooLong_SaysHowLong()
    {
        var errors = Answers.With(notes: new string('x', CheckInAnswers.MaxNotesLength + 1)).Validate();

        Assert.Contains("it has 2001", errors["notes"], StringComparison.Ordinal);
    }

    [Fact]
    public void Items_HaveUniqueIds_AndPlainAnchors()
    {
        Assert.Equal(CheckInItems.All.Count, CheckInItems.All.Select(i => i.Id).Distinct().Count());
        Assert.Equal(5, CheckInItems.SeverityAnchors.Count);
        Assert.Equal("None", CheckInItems.SeverityAnchors[0]);
        Assert.Equal(6, CheckInItems.All.Count(i => i.Domain == SymptomDomain.Sensory));
    }
}
