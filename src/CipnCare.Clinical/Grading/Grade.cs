namespace CipnCare.Clinical.Grading;

/// <summary>A CTCAE-equivalent grade with the version it follows and the reasons behind it.</summary>
public sealed record Grade(int Value, string CtcaeVersion, IReadOnlyList<string> Reasons);
