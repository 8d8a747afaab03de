namespace CipnCare.Web.Tests.Infrastructure;

/// <summary>The checkout the tests run from (for files they read as written: docs, the web project to publish).</summary>
public static class Repository
{
    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CipnCare.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("CipnCare.slnx not found above the test assembly.");
    }
}
