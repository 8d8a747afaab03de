namespace CipnCare.Clinical.CheckIns;

/// <summary>The three CIPN symptom families (clinical-reference.md §1 and §3: sensory, motor, autonomic).</summary>
public enum SymptomDomain
{
    Sensory,
    Motor,
    Autonomic,
}
