using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CipnCare.Web.Tests.Infrastructure;

/// <summary>What the tests that start machine programs (PostgreSQL, the publish, SMTP, nginx) share: a free port and running a program to its end.</summary>
public static class LocalProcesses
{
    /// <summary>A loopback port nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs <paramref name="program"/> from the temp folder (English messages) and answers its exit code and output (stdout, then stderr).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IReadOnlyList<string> args, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetTempPath() };
        info.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? Timeout.InfiniteTimeSpan);
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
