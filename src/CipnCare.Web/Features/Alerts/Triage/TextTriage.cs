using CipnCare.Clinical.Alerts;

namespace CipnCare.Web.Features.Alerts.Triage;

/// <summary>Free-text triage as the app runs it: the rule layer (pure, in CipnCare.Clinical) plus the semantic layer's additions.</summary>
public sealed class TextTriage(SemanticTriage semantic)
{
    public TriageResult Assess(string? text)
    {
        var rules = FreeTextTriage.Assess(text);
        var added = semantic.Assess(rules).Where(s => !rules.Has(s.Category)).ToList();
        return added.Count == 0 ? rules : rules with { Findings = [.. rules.Findings.Concat(added).OrderByDescending(f => f.Category)] };
    }
}
