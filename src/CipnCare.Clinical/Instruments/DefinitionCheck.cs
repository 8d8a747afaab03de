namespace CipnCare.Clinical.Instruments;

/// <summary>Checks an instrument definition before it is stored: every problem in plain words, empty when it can be used.</summary>
public static class DefinitionCheck
{
    public static IReadOnlyList<string> Problems(InstrumentDefinition instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var problems = new List<string>();
        if (!Uri.TryCreate(instrument.Url, UriKind.Absolute, out _))
        {
            problems.Add("The questionnaire needs an absolute canonical url.");
        }

        if (string.IsNullOrWhiteSpace(instrument.Version))
        {
            problems.Add("The questionnaire needs a version.");
        }

        if (!instrument.Items.Any(i => i.IsQuestion))
        {
            problems.Add("The questionnaire has no questions.");
        }

        foreach (var duplicate in instrument.Items.GroupBy(i => i.LinkId).Where(g => g.Count() > 1))
        {
            problems.Add($"linkId '{duplicate.Key}' is used more than once.");
        }

        foreach (var item in instrument.Items)
        {
            if (item.Type == ItemType.Choice && item.Options.Count == 0)
            {
                problems.Add($"Choice item '{item.LinkId}' has no answer options.");
            }

            if (item.Min > item.Max)
            {
                problems.Add($"Item '{item.LinkId}' has a minimum above its maximum.");
            }

            foreach (var condition in item.EnableWhen.Where(c => instrument.Item(c.Question) is null))
            {
                problems.Add($"Item '{item.LinkId}' depends on '{condition.Question}', which is not in the questionnaire.");
            }
        }

        var scoring = instrument.Scoring;
        foreach (var code in scoring.Codes.GroupBy(c => c).Where(g => g.Count() > 1))
        {
            problems.Add($"Score code '{code.Key}' is defined more than once.");
        }

        void Scored(string owner, string? linkId)
        {
            if (linkId is null)
            {
                return;
            }

            var item = instrument.Item(linkId);
            if (item is null)
            {
                problems.Add($"{owner} uses '{linkId}', which is not in the questionnaire.");
            }
            else if (item.Type is not (ItemType.Choice or ItemType.WholeNumber or ItemType.DecimalNumber or ItemType.Boolean))
            {
                problems.Add($"{owner} uses '{linkId}', which has no score (it is {item.Type.ToString().ToLowerInvariant()}).");
            }
            else if (item.Type == ItemType.Choice && item.Options.Any(o => o.Score is null))
            {
                problems.Add($"{owner} uses '{linkId}', whose options need scores (ordinalValue).");
            }
        }

        foreach (var s in scoring.Subscales)
        {
            if (s.Items.Count == 0)
            {
                problems.Add($"Subscale '{s.Code}' has no items.");
            }

            if (s.ItemMax <= s.ItemMin)
            {
                problems.Add($"Subscale '{s.Code}' needs an item maximum above its minimum.");
            }

            if (s.MinAnswered > s.Items.Count)
            {
                problems.Add($"Subscale '{s.Code}' asks for more answered items than it has.");
            }

            foreach (var reversed in (s.Reversed ?? []).Where(r => !s.Items.Contains(r)))
            {
                problems.Add($"Subscale '{s.Code}' reverses '{reversed}', which is not one of its items.");
            }

            s.Items.ToList().ForEach(i => Scored($"Subscale '{s.Code}'", i));
        }

        foreach (var g in scoring.Grades)
        {
            g.SeverityItems.Concat([g.InstrumentalAdlItem, g.SelfCareAdlItem]).ToList().ForEach(i => Scored($"Grade '{g.Code}'", i));
        }

        foreach (var c in scoring.Composites)
        {
            if (c.FrequencyItem is null && c.SeverityItem is null && c.InterferenceItem is null)
            {
                problems.Add($"Composite '{c.Code}' names no items.");
            }

            new[] { c.FrequencyItem, c.SeverityItem, c.InterferenceItem }.ToList().ForEach(i => Scored($"Composite '{c.Code}'", i));
        }

        foreach (var a in scoring.WatchedItems)
        {
            Scored($"Alert item '{a.LinkId}'", a.LinkId);
            if (a.RiseBy <= 0 || a.SevereAt <= 0 || a.SevereAt > a.Max || string.IsNullOrWhiteSpace(a.Label))
            {
                problems.Add($"Alert item '{a.LinkId}' needs a label, a rise above 0 and a severe level above 0 and at most its maximum.");
            }
        }

        foreach (var d in scoring.Derived)
        {
            if (d.Items.Count == 0 || (d.Kind == DerivedKind.Value && d.Items.Count != 1))
            {
                problems.Add($"Derived value '{d.Code}' needs {(d.Kind == DerivedKind.Value ? "exactly one item" : "at least one item")}.");
            }

            d.Items.ToList().ForEach(i => Scored($"Derived value '{d.Code}'", i));
        }

        return problems;
    }
}
