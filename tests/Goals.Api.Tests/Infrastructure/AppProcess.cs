using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Goals.Api.Tests.Infrastructure;

/// <summary>
/// A built executable (`dotnet Goals.Local.dll`, the local run, or `dotnet Goals.Api.dll`, the deployed one: the build output
/// beside the tests, appsettings*.json included) run as a process with exactly the environment variables given: no
/// ASPNETCORE_/DOTNET_ENVIRONMENT unless the test sets one.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process) => _process = process;

    public Uri BaseUrl { get; private init; } = null!;

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Goals.Local with <paramref name="args"/> and `--urls` on a free loopback port.</summary>
    public static AppProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Start("Goals.Local", environment, args);

    /// <summary>Goals.Api (the deployed executable, outside Lambda) with <paramref name="args"/> and `--urls` on a free loopback port.</summary>
    public static AppProcess StartApi(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Start("Goals.Api", environment, args);

    private static AppProcess Start(string executable, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, executable + ".dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var name in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_URLS", "AWS_LAMBDA_RUNTIME_API", "ConnectionStrings__Goals" })
            info.Environment.Remove(name);
        foreach (var (name, value) in environment) info.Environment[name] = value;
        var app = new AppProcess(new Process { StartInfo = info }) { BaseUrl = new Uri($"http://127.0.0.1:{port}") };
        DataReceivedEventHandler append = (_, e) =>
        {
            if (e.Data is not null) lock (app._output) app._output.AppendLine(e.Data);
        };
        app._process.OutputDataReceived += append;
        app._process.ErrorDataReceived += append;
        app._process.Start();
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Waits for GET /health to answer 200; fails with the output if the process exits first.</summary>
    public async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The app exited with {_process.ExitCode}:\n{Output}");
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
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"/health did not answer 200 within 90 s:\n{Output}");
    }

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
