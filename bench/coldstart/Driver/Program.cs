// bench/coldstart driver. Cold start = process start -> first GraphQL answer (or first 200 for hello-world).
//   ColdStart.Driver --sc <dir with the ReadyToRun bootstrap: artifacts/lambda-r2r> --fd <dir with Goals.Api.dll: artifacts/lambda-fd> --local <dir with Goals.Local.dll> --hello <HelloWorld.dll>
//                    [--aot <dir with the Native AOT bootstrap: artifacts/lambda-aot>] [--runs 10] [--out file.md]
// Starts one private PostgreSQL (the data layer's), migrates it with the app's own `migrate` verb, mints a token with
// the local run's `token` verb and inserts one goal; then, round-robin (so load from elsewhere hits every scenario alike), one
// discarded warm-up round and N measured rounds of:
//   lambda-aot  <aot>/bootstrap                Native AOT, Lambda mode (_HANDLER=api), event from the Runtime API emulator
//   lambda-sc   <sc>/bootstrap                 Lambda mode, same
//   lambda-fd   dotnet <fd>/Goals.Api.dll      Lambda mode, same
//   kestrel     dotnet <local>/Goals.Local.dll serve --urls ...   (ConnectionStrings__Goals set: no embedded DB start)
//   hello       dotnet <hello>/HelloWorld.dll --urls ...     GET / -> 200
// Each Lambda run gets a fresh emulator (started before the clock) with the event already queued. Right after the first
// answer the process's resident set (VmRSS) and its peak so far (VmHWM) are read from /proc.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Goals.Local.Embedded;
using Goals.Testing.Lambda;
using Npgsql;

var options = Args.Parse(args);
const string signingKey = "coldstart-bench-signing-key-0123456789abcdef";
var student = Guid.Parse("55555555-5555-4555-8555-555555555555");
const string title = "Cold start goal";

Console.Error.WriteLine("coldstart: starting a private PostgreSQL ...");
await using var database = await PrivatePostgres.StartThrowawayAsync("goals_coldstart");
var appEnvironment = new Dictionary<string, string?>
{
    ["ConnectionStrings__Goals"] = database.ConnectionString,
    ["Auth__SigningKey"] = signingKey,
    ["Auth__Issuer"] = "goals-coldstart",
    ["Auth__Audience"] = "goals-api",
    ["GraphQL__Ide"] = "false",
    ["Database__MaxPoolSize"] = "2",
    ["ASPNETCORE_ENVIRONMENT"] = "Production",
};

var fdDll = Path.Combine(options.Fd, "Goals.Api.dll");
var (migrateExit, migrateOutput) = await RunToEndAsync("dotnet", [fdDll, "migrate"], appEnvironment);
if (migrateExit != 0) throw new InvalidOperationException("migrate failed:\n" + migrateOutput);
var localDll = Path.Combine(options.Local, "Goals.Local.dll");
var (tokenExit, tokenOutput) = await RunToEndAsync("dotnet", [localDll, "token", "--student", student.ToString(), "--minutes", "120"],
    new Dictionary<string, string?>(appEnvironment) { ["ASPNETCORE_ENVIRONMENT"] = "Development" }, stdoutOnly: true);
if (tokenExit != 0) throw new InvalidOperationException("token failed:\n" + tokenOutput);
var token = tokenOutput.Trim();
await using (var connection = new NpgsqlConnection(database.ConnectionString))
{
    await connection.OpenAsync();
    await using var insert = new NpgsqlCommand(
        "INSERT INTO goals (student_id, id, goal_type, title) VALUES (@s, gen_random_uuid(), 'ACADEMIC', @t)", connection);
    insert.Parameters.AddWithValue("s", student);
    insert.Parameters.AddWithValue("t", title);
    await insert.ExecuteNonQueryAsync();
}

const string query = """{"query":"{ goals { id title } }"}""";
var lambdaEvent = Encoding.UTF8.GetBytes(new JsonObject
{
    ["version"] = "2.0",
    ["routeKey"] = "$default",
    ["rawPath"] = "/graphql",
    ["rawQueryString"] = "",
    ["headers"] = new JsonObject
    {
        ["content-type"] = "application/json",
        ["accept"] = "application/json",
        ["authorization"] = "Bearer " + token,
        ["host"] = "abc123.execute-api.eu-west-1.amazonaws.com",
    },
    ["requestContext"] = new JsonObject
    {
        ["requestId"] = "coldstart",
        ["stage"] = "$default",
        ["http"] = new JsonObject { ["method"] = "POST", ["path"] = "/graphql", ["protocol"] = "HTTP/1.1", ["sourceIp"] = "203.0.113.7" },
    },
    ["body"] = query,
    ["isBase64Encoded"] = false,
}.ToJsonString());

using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero };
using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
var scenarios = new List<Scenario>
{
    new("lambda-aot", "packaged Native AOT `bootstrap`, Lambda mode", ct => LambdaRunAsync(Path.Combine(options.Aot!, "bootstrap"), [], ct)),
    new("lambda-sc", "packaged self-contained R2R `bootstrap`, Lambda mode", ct => LambdaRunAsync(Path.Combine(options.Sc, "bootstrap"), [], ct)),
    new("lambda-fd", "framework-dependent `dotnet Goals.Api.dll`, Lambda mode", ct => LambdaRunAsync("dotnet", [fdDll], ct)),
    new("kestrel", "the same app as Goals.Local `serve` on Kestrel, external DB", ct => HttpRunAsync("dotnet", port => [localDll, "serve", "--urls", $"http://127.0.0.1:{port}"],
        port => new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/graphql")
        {
            Content = new StringContent(query, Encoding.UTF8, "application/json"),
            Headers = { { "Authorization", "Bearer " + token } },
        }, expect: title, ct)),
    new("hello", "bare ASP.NET Core hello-world (HelloWorld.dll, fd)", ct => HttpRunAsync("dotnet", port => [options.Hello, "--urls", $"http://127.0.0.1:{port}"],
        port => new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/"), expect: "Hello World!", ct)),
};
scenarios = scenarios.Where(s => (options.Only is null || options.Only.Contains(s.Name)) && (s.Name != "lambda-aot" || options.Aot is not null)).ToList();

for (var round = 0; round <= options.Runs; round++)
{
    foreach (var scenario in scenarios)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var (ms, memory, output) = await scenario.Run(timeout.Token);
        if (round == 0)
        {
            Console.Error.WriteLine($"coldstart: warm-up {scenario.Name}: {ms:F0} ms (discarded)");
            continue;
        }

        scenario.Samples.Add(ms);
        scenario.Rss.Add(memory.RssMb);
        scenario.PeakRss.Add(memory.PeakMb);
        if (round == 1) scenario.FirstOutput = output;
        Console.Error.WriteLine($"coldstart: round {round}/{options.Runs} {scenario.Name}: {ms:F0} ms");
    }
}

var hello = scenarios.FirstOrDefault(s => s.Name == "hello");
var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"Cold start, median of {options.Runs} starts (ms), {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
report.AppendLine();
report.AppendLine("| scenario | what | median | min | max | x hello | RSS after answer (MB, median) | peak RSS (MB, median) |");
report.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
foreach (var s in scenarios)
{
    var ratio = hello is null ? "" : (s.Median / hello.Median).ToString("F2", CultureInfo.InvariantCulture);
    report.AppendLine(CultureInfo.InvariantCulture,
        $"| {s.Name} | {s.What} | {s.Median:F0} | {s.Samples.Min():F0} | {s.Samples.Max():F0} | {ratio} | {Scenario.MedianOf(s.Rss):F0} | {Scenario.MedianOf(s.PeakRss):F0} |");
}

report.AppendLine();
foreach (var s in scenarios.Where(s => s.Name.StartsWith("lambda", StringComparison.Ordinal)))
{
    report.AppendLine(CultureInfo.InvariantCulture, $"Init log lines of {s.Name} (first measured start):");
    foreach (var line in (s.FirstOutput ?? "").Split('\n').Where(l => l.Contains("Init phase", StringComparison.Ordinal) || l.Contains("Init finished", StringComparison.Ordinal) || l.Contains("GraphQL schema built", StringComparison.Ordinal)))
    {
        report.AppendLine("    " + line.Trim());
    }
}

Console.WriteLine(report.ToString());
if (options.Out is not null) await File.WriteAllTextAsync(options.Out, report.ToString());
return 0;

async Task<(double Ms, Memory Memory, string Output)> LambdaRunAsync(string fileName, string[] arguments, CancellationToken ct)
{
    await using var emulator = await RuntimeApiEmulator.StartAsync();
    using (var warm = new HttpRequestMessage(HttpMethod.Put, $"http://{emulator.Address}/put/warm-up") { Content = new ByteArrayContent([]) })
    {
        (await http.SendAsync(warm, ct)).EnsureSuccessStatusCode(); // JIT the emulator's pipeline before the clock starts
    }

    var environment = new Dictionary<string, string?>(appEnvironment)
    {
        ["AWS_LAMBDA_RUNTIME_API"] = emulator.Address,
        ["_HANDLER"] = "api",
        ["ASPNETCORE_ENVIRONMENT"] = null,
    };
    var answer = emulator.InvokeAsync(lambdaEvent, TimeSpan.FromSeconds(60)); // queued before the process exists
    var clock = Stopwatch.StartNew();
    using var process = Start(fileName, arguments, environment, out var output);
    var result = await answer.WaitAsync(ct);
    var ms = clock.Elapsed.TotalMilliseconds;
    var memory = Memory.Of(process);
    await StopAsync(process);
    var text = Encoding.UTF8.GetString(result.Body);
    if (result.IsError || !text.Contains("\"statusCode\":200", StringComparison.Ordinal) || !text.Contains(title, StringComparison.Ordinal))
    {
        throw new InvalidOperationException($"Unexpected Lambda answer: {text}\n{output}");
    }

    return (ms, memory, output.ToString());
}

async Task<(double Ms, Memory Memory, string Output)> HttpRunAsync(string fileName, Func<int, string[]> arguments, Func<int, HttpRequestMessage> request,
    string expect, CancellationToken ct)
{
    var port = FreePort();
    var environment = new Dictionary<string, string?>(appEnvironment) { ["ASPNETCORE_URLS"] = null };
    var clock = Stopwatch.StartNew();
    using var process = Start(fileName, arguments(port), environment, out var output);
    while (true)
    {
        ct.ThrowIfCancellationRequested();
        if (process.HasExited) throw new InvalidOperationException($"{fileName} exited with {process.ExitCode}:\n{output}");
        try
        {
            using var message = request(port);
            using var response = await http.SendAsync(message, ct);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var body = await response.Content.ReadAsStringAsync(ct);
                var ms = clock.Elapsed.TotalMilliseconds;
                var memory = Memory.Of(process);
                await StopAsync(process);
                if (!body.Contains(expect, StringComparison.Ordinal)) throw new InvalidOperationException($"Unexpected answer: {body}");
                return (ms, memory, output.ToString());
            }
        }
        catch (HttpRequestException)
        {
            // not listening yet
        }

        await Task.Delay(5, ct);
    }
}

static Process Start(string fileName, IEnumerable<string> arguments, IDictionary<string, string?> environment, out StringBuilder output)
{
    var info = new ProcessStartInfo(fileName)
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        UseShellExecute = false,
        WorkingDirectory = Path.GetTempPath(),
    };
    foreach (var a in arguments) info.ArgumentList.Add(a);
    foreach (var name in new[] { "ASPNETCORE_URLS", "DOTNET_ENVIRONMENT", "AWS_LAMBDA_RUNTIME_API", "_HANDLER" }) info.Environment.Remove(name);
    foreach (var (key, value) in environment)
    {
        if (value is null) info.Environment.Remove(key);
        else info.Environment[key] = value;
    }

    var captured = new StringBuilder();
    output = captured;
    var process = new Process { StartInfo = info };
    DataReceivedEventHandler append = (_, e) =>
    {
        if (e.Data is not null) lock (captured) captured.AppendLine(e.Data);
    };
    process.OutputDataReceived += append;
    process.ErrorDataReceived += append;
    process.Start();
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

static async Task StopAsync(Process process)
{
    if (!process.HasExited) process.Kill(entireProcessTree: true);
    await process.WaitForExitAsync();
}

static async Task<(int Exit, string Output)> RunToEndAsync(string fileName, string[] arguments, IDictionary<string, string?> environment, bool stdoutOnly = false)
{
    var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
    foreach (var a in arguments) info.ArgumentList.Add(a);
    foreach (var (key, value) in environment)
    {
        if (value is null) info.Environment.Remove(key);
        else info.Environment[key] = value;
    }

    using var process = Process.Start(info)!;
    var stdout = process.StandardOutput.ReadToEndAsync();
    var stderr = process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    return (process.ExitCode, stdoutOnly ? await stdout : await stdout + await stderr);
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

internal sealed class Scenario(string name, string what, Func<CancellationToken, Task<(double Ms, Memory Memory, string Output)>> run)
{
    public string Name { get; } = name;
    public string What { get; } = what;
    public Func<CancellationToken, Task<(double Ms, Memory Memory, string Output)>> Run { get; } = run;
    public List<double> Samples { get; } = [];
    public List<double> Rss { get; } = [];
    public List<double> PeakRss { get; } = [];
    public string? FirstOutput { get; set; }

    public double Median => MedianOf(Samples);

    public static double MedianOf(List<double> samples)
    {
        var sorted = samples.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

/// <summary>VmRSS and VmHWM (peak resident set) of a running process, in MB, from /proc/&lt;pid&gt;/status.</summary>
internal readonly record struct Memory(double RssMb, double PeakMb)
{
    public static Memory Of(Process process)
    {
        double Field(string[] lines, string name) =>
            lines.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal)) is { } line
                ? double.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024
                : double.NaN;
        var status = File.ReadAllLines($"/proc/{process.Id}/status");
        return new Memory(Field(status, "VmRSS:"), Field(status, "VmHWM:"));
    }
}

internal sealed record Args(string Sc, string Fd, string Local, string Hello, string? Aot, int Runs, string? Out, HashSet<string>? Only)
{
    public static Args Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        var runs = int.Parse(Value("--runs") ?? "10", CultureInfo.InvariantCulture);
        if (runs < 1) throw new ArgumentException("--runs must be at least 1");
        return new Args(
            Value("--sc") ?? throw new ArgumentException("--sc <dir with bootstrap> is required"),
            Value("--fd") ?? throw new ArgumentException("--fd <dir with Goals.Api.dll> is required"),
            Value("--local") ?? throw new ArgumentException("--local <dir with Goals.Local.dll> is required"),
            Value("--hello") ?? throw new ArgumentException("--hello <HelloWorld.dll> is required"),
            Value("--aot"),
            runs,
            Value("--out"),
            Value("--only")?.Split(',').ToHashSet());
    }
}
