namespace CipnCare.Web.Tests.Infrastructure;

/// <summary>
/// Tests that need a machine binary (PostgreSQL, Chromium) skip with the reason when it is missing, except under
/// CI=true, where a missing binary is a failure: CI must really run them.
/// </summary>
public static class Requirements
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void SkipUnlessAvailable(string? unavailableReason)
    {
        if (unavailableReason is null)
        {
            return;
        }

        if (InCi)
        {
            Assert.Fail($"CI=true, so this test must run, but: {unavailableReason}");
        }

        Assert.Skip(unavailableReason);
    }
}
