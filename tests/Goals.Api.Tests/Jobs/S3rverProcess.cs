using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Goals.Api.Tests.Infrastructure;

namespace Goals.Api.Tests.Jobs;

/// <summary>npm s3rver (tests/s3rver, installed by scripts/setup.sh) on a free loopback port with one bucket.</summary>
public sealed class S3rverProcess : IAsyncDisposable
{
    public const string Bucket = "goals-jobs";
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "goals-s3rver-" + Guid.NewGuid().ToString("N")[..8]);

    private S3rverProcess(int port)
    {
        Port = port;
        var script = Path.Combine(LiveServer.RepositoryRoot, "tests", "s3rver", "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script)) throw new InvalidOperationException($"{script} is missing: run bash scripts/setup.sh.");
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { script, "-d", _directory, "-a", "127.0.0.1", "-p", port.ToString(), "--silent", "--configure-bucket", Bucket })
            info.ArgumentList.Add(a);
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Port { get; }
    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    public static async Task<S3rverProcess> StartAsync()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var server = new S3rverProcess(port);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        using var http = new HttpClient();
        while (DateTime.UtcNow < deadline)
        {
            if (server._process.HasExited) break;
            try
            {
                await http.GetAsync(server.ServiceUrl + "/" + Bucket);
                return server;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        await server.DisposeAsync();
        lock (server._output) throw new InvalidOperationException("s3rver did not start:\n" + server._output);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        try
        {
            if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
