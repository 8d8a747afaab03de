using System.Diagnostics;
using System.Net;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using CipnCare.Web.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(PublishedBuild.EarlyStart))]

namespace CipnCare.Web.Tests.Infrastructure;

/// <summary>
/// One Release publish of src/CipnCare.Web (what a site runs, issue #16) shared by every test process of a run — the
/// Web tests and the browser tests. It is keyed by the build of CipnCare.Web the tests reference (the module version
/// id: the same source gives the same id), made once under a file lock and reused by the other process.
/// </summary>
public static class PublishedBuild
{
    private static readonly Lazy<Task<Result>> Shared = new(PublishAsync);

    /// <summary>The publish folder, and the publish's exit code and output (the folder is usable only when it is 0).</summary>
    public sealed record Result(string Folder, int ExitCode, string Log);

    public static Task<Result> GetAsync() => Shared.Value;

    /// <summary>
    /// Under CI=true the publish starts with the test assembly, in the background: the tests around it leave about one of
    /// the two cores idle, so the publish no longer holds up the first test that needs it (issue #14: CI time). A developer's
    /// filtered run is not made to publish.
    /// </summary>
    public sealed class EarlyStart
    {
        public EarlyStart()
        {
            if (Requirements.InCi)
            {
                _ = GetAsync(); // awaited, with its outcome, by the tests that use the publish
            }
        }
    }

    private static async Task<Result> PublishAsync()
    {
        var key = typeof(Program).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..16];
        var folder = Path.Combine(Path.GetTempPath(), "cipncare-publish-" + key);
        var done = Path.Combine(folder, ".published");
        await using var exclusive = await LockAsync(folder + ".lock");
        if (File.Exists(done))
        {
            return new(folder, 0, await File.ReadAllTextAsync(done));
        }

        RemoveOldPublishes(Path.GetFileName(folder));
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true); // a publish that did not finish
        }

        // When the tests run against the project's own Release build (the default configuration: Directory.Build.props),
        // that build is published as it is: what the tests ran is what is published, and the app is not compiled a second
        // time under the tests' load (issue #14: it held the published-app tests back for their first 2¾ minutes).
        // Otherwise (dotnet test -c Debug) a full Release publish; RunAnalyzers=false: the same sources were analyzed by the
        // test run's own build, and the analyzers change nothing in the output.
        var project = Path.Combine(Repository.Root(), "src", "CipnCare.Web");
        var tested = typeof(Program).Assembly.ManifestModule.ModuleVersionId;
        var asTested = ModuleVersionId(Path.Combine(project, "bin", "Release", "net10.0", "CipnCare.Web.dll")) == tested;
        string[] publish = asTested
            ? ["publish", project, "-c", "Release", "-o", folder, "--nologo", "--no-build"]
            : ["publish", project, "-c", "Release", "-o", folder, "--nologo", "-p:RunAnalyzers=false"];
        var (exitCode, log) = await LocalProcesses.RunAsync("dotnet", publish, TimeSpan.FromMinutes(8));
        if (exitCode == 0 && asTested && ModuleVersionId(Path.Combine(folder, "CipnCare.Web.dll")) != tested)
        {
            (exitCode, log) = (1, log + "\nThe published CipnCare.Web.dll is not the build the tests loaded.");
        }

        if (exitCode == 0)
        {
            await File.WriteAllTextAsync(done, log);
        }

        return new(folder, exitCode, log);
    }

    /// <summary>The module version id of an assembly on disk (the same source and configuration give the same id), if it exists.</summary>
    private static Guid? ModuleVersionId(string assembly)
    {
        if (!File.Exists(assembly))
        {
            return null;
        }

        using var pe = new PEReader(File.OpenRead(assembly));
        var metadata = pe.GetMetadataReader();
        return metadata.GetGuid(metadata.GetModuleDefinition().Mvid);
    }

    /// <summary>Waits for the lock file (another test process may be publishing the same build).</summary>
    private static async Task<FileStream> LockAsync(string path)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < TimeSpan.FromMinutes(10))
            {
                await Task.Delay(250);
            }
        }
    }

    /// <summary>Publishes of earlier builds (earlier runs) older than an hour.</summary>
    private static void RemoveOldPublishes(string keep)
    {
        foreach (var old in Directory.GetDirectories(Path.GetTempPath(), "cipncare-publish-*"))
        {
            if (Path.GetFileName(old) != keep && Directory.GetLastWriteTimeUtc(old) < TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(-1))
            {
                try
                {
                    Directory.Delete(old, recursive: true);
                    File.Delete(old + ".lock");
                }
                catch (IOException)
                {
                    // In use by another run: left for the next.
                }
            }
        }
    }

}

/// <summary>
/// The published app's processes a test starts (`dotnet CipnCare.Web.dll` from the publish folder, Production
/// environment): instances that must become ready, and operations commands. Disposing stops every instance left and
/// removes the test's data folders.
/// </summary>
public sealed class PublishedApps(string folder) : IDisposable
{
    private readonly List<Process> _running = [];
    private readonly string _data = Path.Combine(Path.GetTempPath(), "cipncare-data-" + Guid.NewGuid().ToString("N")[..12]);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An instance: its process and everything it printed.</summary>
    public sealed record Running(Process Process, StringBuilder Output)
    {
        public string Printed()
        {
            lock (Output)
            {
                return Output.ToString();
            }
        }
    }

    /// <summary>Starts the published app on <paramref name="port"/> and waits until it is ready.</summary>
    public async Task<Running> StartAsync(int port, Dictionary<string, string> environment)
    {
        var address = $"http://127.0.0.1:{port}";
        var output = new StringBuilder();
        var process = Process.Start(Command([], new Dictionary<string, string>(environment) { ["ASPNETCORE_URLS"] = address, ["App__PublicBaseUrl"] = environment.GetValueOrDefault("App__PublicBaseUrl", address) }))!;
        _running.Add(process);
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var running = new Running(process, output);
        using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
        Assert.True(await WaitUntilReadyAsync(http, process), $"The published app did not become ready:\n{running.Printed()}");
        return running;
    }

    /// <summary>Runs an operations command (migrate, seed-demo, backup, restore, audit verify); it must succeed.</summary>
    public async Task OperationsAsync(string[] args, Dictionary<string, string> environment)
    {
        var (exitCode, output) = await RunAsync(args, environment);
        Assert.True(exitCode == 0, $"{string.Join(' ', args)} exited with {exitCode}:\n{output}");
    }

    /// <summary>`dotnet CipnCare.Web.dll ARGS` to the end: its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(string[] args, Dictionary<string, string> environment)
    {
        using var process = Process.Start(Command(args, environment))!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>A new folder for this test's data (databases, backups, nginx), removed when disposed.</summary>
    public string NewFolder(string name)
    {
        var path = Path.Combine(_data, $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    public void StopAll()
    {
        foreach (var process in _running.Where(p => !p.HasExited))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    public void Dispose()
    {
        StopAll();
        foreach (var process in _running)
        {
            process.Dispose();
        }

        try
        {
            if (Directory.Exists(_data))
            {
                Directory.Delete(_data, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still held: the temp folder is cleaned by the OS.
        }
    }


    private ProcessStartInfo Command(string[] args, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(folder, "CipnCare.Web.dll"), .. args])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // Without dynamic PGO, as the test hosts run (Directory.Build.targets): it only changes how the JIT optimises a
        // method after its first few dozen calls, which a test's short-lived instance pays for and never uses (about 12
        // of the 80 core-seconds these processes take in a web test run, issue #14). The published files, their
        // runtimeconfig and the Production configuration are the release's; a deployment keeps the runtime's default.
        start.Environment["DOTNET_TieredPGO"] = "0";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    private static async Task<bool> WaitUntilReadyAsync(HttpClient http, Process app)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(3) && !app.HasExited)
        {
            try
            {
                if ((await http.GetAsync("/health/ready", Ct)).StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(500, Ct);
        }

        return false;
    }
}

/// <summary>nginx (the Debian package) round-robin in front of instances on 127.0.0.1, logging which instance served each request.</summary>
public sealed class NginxFront : IDisposable
{
    public const string Executable = "/usr/sbin/nginx";

    private readonly Process _process;
    private readonly string _folder;

    private NginxFront(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public static string? UnavailableReason => File.Exists(Executable) ? null : "nginx is not installed (apt-get install nginx)";

    /// <summary>Starts nginx on <paramref name="port"/> in front of <paramref name="upstreams"/> and waits until it answers.</summary>
    public static async Task<NginxFront> StartAsync(string folder, int port, params int[] upstreams)
    {
        var servers = string.Join(' ', upstreams.Select(p => $"server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;"));
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), $$"""
            user root;
            worker_processes 1;
            daemon off;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log;
            events { worker_connections 1024; }
            http {
              log_format upstreams '$request_method $uri $status $upstream_addr';
              access_log {{folder}}/access.log upstreams;
              client_body_temp_path {{folder}}/body; proxy_temp_path {{folder}}/proxy;
              fastcgi_temp_path {{folder}}/fastcgi; uwsgi_temp_path {{folder}}/uwsgi; scgi_temp_path {{folder}}/scgi;
              upstream cipn { {{servers}} }
              server {
                listen 127.0.0.1:{{port}};
                location / {
                  proxy_pass http://cipn;
                  proxy_set_header Host $http_host; # with the port: the app builds absolute redirects from it
                  proxy_set_header X-Forwarded-For $remote_addr;
                  proxy_set_header X-Forwarded-Proto $scheme;
                }
              }
            }
            """);
        var process = Process.Start(new ProcessStartInfo(Executable, ["-p", folder, "-c", Path.Combine(folder, "nginx.conf")]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var front = new NginxFront(process, folder, port);
        using var http = new HttpClient { BaseAddress = new Uri(front.BaseUrl) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(process.HasExited, $"nginx stopped: {await process.StandardError.ReadToEndAsync()}");
            try
            {
                if ((await http.GetAsync("/health/live")).IsSuccessStatusCode)
                {
                    return front;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(1), "nginx did not answer within a minute");
            await Task.Delay(100);
        }
    }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>The instances (127.0.0.1:port) that served requests so far, from nginx's access log.</summary>
    public async Task<HashSet<string>> UpstreamsServedAsync() =>
        (await File.ReadAllLinesAsync(Path.Combine(_folder, "access.log"))).Select(l => l.Split(' ')[^1]).ToHashSet();

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true); // the master and its worker
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
