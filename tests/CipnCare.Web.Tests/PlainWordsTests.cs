using CipnCare.Web.Features.Patients;

namespace CipnCare.Web.Tests;

/// <summary>The words a patient reads for a grade: the clinician's CTCAE scale (1 = found at the exam only, 4 = life-threatening) is not the check-in's.</summary>
public sealed class PlainWordsTests
{
    [Theory]
    [InlineData(0, "no nerve changes")]
    [InlineData(1, "nerve changes the exam found, without symptoms")]
    [InlineData(2, "symptoms that get in the way of everyday tasks")]
    [InlineData(3, "symptoms that get in the way of looking after yourself")]
    [InlineData(4, "very severe: your care team will talk this through with you")]
    [InlineData(5, "very severe: your care team will talk this through with you")]
    public void AClinicianGrade_ReadsAsItsCtcaeMeaning(int grade, string words) => Assert.Equal(words, PlainWords.ClinicianGrade(grade));

    [Fact]
    public void ACheckInGradeOfOne_StillHasSymptoms_UnlikeTheCliniciansGradeOne()
    {
        Assert.StartsWith("numbness, tingling or nerve pain that does not get in the way", PlainWords.Sensory(1), StringComparison.Ordinal);
        Assert.DoesNotContain("without symptoms", PlainWords.Sensory(1), StringComparison.Ordinal);
    }
}
