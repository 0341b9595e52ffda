using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Goals.Api.Tests.Infrastructure;

/// <summary>
/// The real app as a user runs it: the README's run command `bash scripts/run.sh` (with GOALS_PREBUILT=1, since the
/// test run already set up and built everything) serving on a free loopback port, with the embedded private PostgreSQL in a temp data directory
/// (Database:DataDirectory), migrated and given demo data by the app itself. Shared by the audit, browser and README tests.
/// </summary>
public sealed class LiveServer : IAsyncLifetime
{
    private Process? _process;
    private readonly StringBuilder _output = new();
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "goals-api-live-" + Guid.NewGuid().ToString("N")[..8]);

    public static string RepositoryRoot { get; } = Goals.Local.RepositoryRoot.Find()
        ?? throw new InvalidOperationException("Cannot find the repository root (Goals.slnx).");

    public Uri BaseUrl { get; private set; } = null!;
    public Uri GraphQLUrl => new(BaseUrl, "/graphql");

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public async Task InitializeAsync()
    {
        var port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
        _process = Start(["bash", "scripts/run.sh", "--urls", BaseUrl.ToString().TrimEnd('/')], _output);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The server exited with {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await http.GetAsync(new Uri(BaseUrl, "/health"))).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // slow start
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"/health did not answer 200 within 120 s:\n{Output}");
    }

    /// <summary>Runs a verb as the README's token example does: `ASPNETCORE_ENVIRONMENT=Development dotnet run --project src/Goals.Local -- token`.</summary>
    public Task<(int ExitCode, string Stdout, string Stderr)> RunVerbInDevelopmentAsync(params string[] args) =>
        RunVerbAsync(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" }, args);

    /// <summary>Runs a verb of the app (e.g. `token`) with these environment variables, to completion;
    /// returns exit code, stdout and stderr.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> RunVerbAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var stdout = new StringBuilder();
        using var process = Start(["dotnet", "run", "--project", "src/Goals.Local", "--no-build", "--", .. args], null, stdout, environment);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stderr = await process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        lock (stdout) return (process.ExitCode, stdout.ToString(), stderr);
    }

    private Process Start(string[] command, StringBuilder? combined, StringBuilder? stdoutOnly = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in command[1..]) info.ArgumentList.Add(a);
        info.Environment["GOALS_PREBUILT"] = "1";
        info.Environment["Database__DataDirectory"] = _dataDirectory;
        // No environment chosen here: the run script must choose Development itself, the verbs get what the README gives them.
        info.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        info.Environment.Remove("DOTNET_ENVIRONMENT");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        info.Environment.Remove("ConnectionStrings__Goals");
        info.Environment.Remove("ASPNETCORE_URLS");
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            var target = stdoutOnly ?? combined;
            if (target is not null) lock (target) target.AppendLine(e.Data);
        };
        if (combined is not null)
        {
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null) lock (combined) combined.AppendLine(e.Data);
            };
        }

        process.Start();
        process.BeginOutputReadLine();
        if (combined is not null) process.BeginErrorReadLine();
        return process;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        try
        {
            if (Directory.Exists(_dataDirectory)) Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // PostgreSQL may still be shutting down; the temp dir is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LiveServerCollection : ICollectionFixture<LiveServer>
{
    public const string Name = "live server";
}
