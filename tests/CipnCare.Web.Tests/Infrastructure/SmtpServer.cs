using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace CipnCare.Web.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on a free loopback port: Debian's python3-aiosmtpd writing each message to a maildir in a temp
/// folder. Absent binaries skip the test with the reason (fail under CI=true; .ci/run installs the package).
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";
    private const string Module = "/usr/lib/python3/dist-packages/aiosmtpd";

    private readonly Process? _process;
    private readonly string _maildir;

    private SmtpServer(Process? process, string maildir, int port, string? unavailableReason)
    {
        _process = process;
        _maildir = maildir;
        Port = port;
        UnavailableReason = unavailableReason;
    }

    public int Port { get; }

    public string? UnavailableReason { get; }


    public static async Task<SmtpServer> StartAsync(int? port = null)
    {
        var maildir = Path.Combine(Path.GetTempPath(), $"cipn-mail-{Guid.NewGuid():N}");
        var chosen = port ?? LocalProcesses.FreePort();
        if (!File.Exists(Python) || !Directory.Exists(Module))
        {
            return new(null, maildir, chosen, "python3-aiosmtpd is not installed (apt-get install python3-aiosmtpd)");
        }

        var process = Process.Start(new ProcessStartInfo(Python, ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{chosen}", "-c", "aiosmtpd.handlers.Mailbox", maildir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, chosen);
                return new(process, maildir, chosen, null);
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        process.Kill();
        return new(null, maildir, chosen, $"aiosmtpd did not start on port {chosen}: {await process.StandardError.ReadToEndAsync()}");
    }

    /// <summary>The messages received so far, oldest first.</summary>
    public async Task<List<MimeMessage>> MessagesAsync()
    {
        var folder = Path.Combine(_maildir, "new");
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var messages = new List<MimeMessage>();
        foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            messages.Add(await MimeMessage.LoadAsync(file));
        }

        return messages;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        if (Directory.Exists(_maildir))
        {
            Directory.Delete(_maildir, recursive: true);
        }
    }
}
