using CipnCare.Web.Features.Patients;

namespace CipnCare.Web.Tests;

/// <summary>The one rule for an identifier's system (a patient's and a diagnosis's identifiers): an absolute, well-formed URI.</summary>
public sealed class IdentifierSystemTests
{
    [Theory]
    [InlineData("urn:oid:2.16.840.1.113883.4.1")]
    [InlineData("http://hospital.example/mrn")]
    [InlineData("https://ehr.example.org/problem")]
    [InlineData("  urn:uuid:5f1c0a2e-0000-4000-8000-000000000001  ")] // trimmed, as it is stored
    public void AnAbsoluteUri_IsASystem(string system) => Assert.True(IdentifierSystem.IsValid(system));

    [Theory]
    [InlineData("hospital mrn")] // not a URI
    [InlineData("mrn")] // relative
    [InlineData("urn:hospital mrn")] // a space: the patient form and FHIR Patient took it before the rule was one
    [InlineData("http://hospital.example/m rn")]
    [InlineData(@"c:\records")] // a Windows path .NET would read as a file URI
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void AnythingElse_IsNot(string? system) => Assert.False(IdentifierSystem.IsValid(system));

    [Fact]
    public void ASystem_IsAtMostTheStoredLength()
    {
        var longest = "urn:x:" + new string('a', PatientIdentifierConfiguration.SystemMaxLength - "urn:x:".Length);
        Assert.True(IdentifierSystem.IsValid(longest));
        Assert.False(IdentifierSystem.IsValid(longest + "a"));
    }
}
