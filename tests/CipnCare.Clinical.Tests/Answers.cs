using CipnCare.Clinical.CheckIns;

namespace CipnCare.Clinical.Tests;

/// <summary>Builds check-in answers: everything 0 unless named.</summary>
internal static class Answers
{
    public static CheckInAnswers With(bool everyday = false, bool selfCare = false, string? notes = null, params (string Item, int Value)[] scores)
    {
        var all = CheckInItems.All.ToDictionary(i => i.Id, _ => 0);
        foreach (var (item, value) in scores)
        {
            all[item] = value;
        }

        return new CheckInAnswers(all, everyday, selfCare, notes);
    }
}
