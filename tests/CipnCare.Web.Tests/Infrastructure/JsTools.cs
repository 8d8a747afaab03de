namespace CipnCare.Web.Tests.Infrastructure;

/// <summary>
/// The JavaScript the tests use, from npm (tests/fhir-validator: Medplum's validator, the SMART JS client): installed
/// with <c>npm ci</c> on first use, once even when both test projects ask at the same time. Needs Node.js and npm:
/// skipped without them, except under CI=true. Without the packages' peer dependencies: npm would add React Native and
/// Expo for <c>@medplum/core</c> (474 MB, 31 CPU-seconds of a fresh clone's test run; 157 MB and 11 without), which
/// nothing here runs.
/// </summary>
public static class JsTools
{
    public static string Folder => Path.Combine(Repository.Root(), "tests", "fhir-validator");

    /// <summary>The SMART JavaScript client's browser build (global <c>FHIR</c>).</summary>
    public static string FhirClientScript => Path.Combine(Folder, "node_modules", "fhirclient", "build", "fhir-client.min.js");

    public static async Task<string> EnsureInstalledAsync()
    {
        Requirements.SkipUnlessAvailable(File.Exists("/usr/bin/node") && File.Exists("/usr/bin/npm") ? null : "Node.js and npm are not installed (apt-get install nodejs npm).");
        await using var gate = await LockAsync(Path.Combine(Folder, ".install.lock"));
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "@medplum", "core")) || !File.Exists(FhirClientScript))
        {
            var (installed, log) = await LocalProcesses.RunAsync("npm", ["ci", "--omit=peer", "--no-audit", "--no-fund", "--prefix", Folder], TimeSpan.FromMinutes(5));
            Assert.True(installed == 0, $"npm ci failed: {log}");
        }

        return Folder;
    }

    /// <summary>An exclusive lock on a file, shared with the other test process (the browser tests run beside these).</summary>
    private static async Task<FileStream> LockAsync(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 1200)
            {
                await Task.Delay(500);
            }
        }
    }
}
