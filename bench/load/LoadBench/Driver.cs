using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Goals.Local.Embedded;
using Goals.Data.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LoadBench;

/// <summary>
/// The whole run: private PostgreSQL (the data layer's, with pg_stat_statements when the server has it), migrations,
/// the `seed` verb's data set, the API (Release, Kestrel, pool 16, Production logging) and the HTTP ceiling as their
/// own processes, the SQL ceiling in this process; answers checked first; then statements per request, memory, and
/// the timed rounds. Writes the markdown report.
/// </summary>
public static partial class Driver
{
    private const string SigningKey = "load-bench-only-signing-key-0123456789abcdef";
    private const string Issuer = "goals-load-bench";
    private const string Audience = "goals-api";
    private const string ObserverRole = "bench_observer";
    private const int PoolSize = 16;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var clock = Stopwatch.StartNew();
        var logDirectory = Path.Combine(options.ResultsDirectory, "logs");
        Directory.CreateDirectory(logDirectory);
        var loadBefore = LoadAverage();
        var pgStat = HasPgStatStatements();

        Log($"private PostgreSQL (pg_stat_statements: {(pgStat ? "yes" : "not installed, counting from the API's log line")})");
        await using var postgres = await PrivatePostgres.StartAsync(new PrivatePostgresOptions
        {
            DatabaseName = "goals_bench",
            Settings = pgStat
                ? new Dictionary<string, string> { ["shared_preload_libraries"] = "pg_stat_statements", ["pg_stat_statements.track_utility"] = "on", ["jit"] = "off" }
                : new Dictionary<string, string> { ["jit"] = "off" },
        });
        var database = postgres.ConnectionString;
        if (await MigrationCommand.RunAsync(database, NullLogger.Instance, CancellationToken.None) != MigrationCommand.Success)
            throw new InvalidOperationException("Migrations failed.");
        await using var admin = NpgsqlDataSource.Create(database);
        await ExecuteAsync(admin, $"CREATE ROLE {ObserverRole} LOGIN SUPERUSER");
        if (pgStat) await ExecuteAsync(admin, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");

        Log($"seed --students {options.Students} --goals 20 --tasks 5 --notes 3 (the API's seed verb)");
        await RunToCompletionAsync(options.ApiDll, ["seed", "--students", $"{options.Students}", "--goals", "20", "--tasks", "5", "--notes", "3",
            "--out", Path.Combine(logDirectory, "students.txt")], new Dictionary<string, string> { ["ConnectionStrings__Goals"] = database });
        await ExecuteAsync(admin, "VACUUM ANALYZE");
        var requests = await LoadRequestsAsync(admin);

        var apiUrl = $"http://127.0.0.1:{FreePort()}";
        var ceilingUrl = $"http://127.0.0.1:{FreePort()}";
        var ceilingDatabase = $"{database};Maximum Pool Size={PoolSize};No Reset On Close=true;Max Auto Prepare=10";
        using var api = ChildProcess.Start(options.ApiDll, ["serve", "--urls", apiUrl], new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Goals"] = database,
            ["Database__MaxPoolSize"] = $"{PoolSize}",
            ["Auth__SigningKey"] = SigningKey,
            ["Auth__Issuer"] = Issuer,
            ["Auth__Audience"] = Audience,
            ["GraphQL__Ide"] = "false",
        }, Path.Combine(logDirectory, "api.log"));
        using var ceilingProcess = ChildProcess.Start(options.BenchDll, ["http-ceiling", "--urls", ceilingUrl],
            new Dictionary<string, string> { ["CEILING_DB"] = ceilingDatabase }, Path.Combine(logDirectory, "http-ceiling.log"));
        await WaitHealthyAsync(api, apiUrl + "/health");
        await WaitHealthyAsync(ceilingProcess, ceilingUrl + "/health");

        var tokens = requests.Students.ToDictionary(s => s, s => "Bearer " + Tokens.Create(SigningKey, Issuer, Audience, s, TimeSpan.FromHours(3)));
        using var apiTarget = new HttpTarget("Goals API (GraphQL)", new Uri(apiUrl + "/graphql"), s => ("Authorization", tokens[s]), options.Connections);
        using var ceilingTarget = new HttpTarget("HTTP ceiling (Kestrel + Npgsql, 1 statement)", new Uri(ceilingUrl + "/graphql"),
            s => ("x-student-id", s.ToString("D")), options.Connections);
        await using var sqlSource = NpgsqlDataSource.Create(ceilingDatabase);
        var sqlTarget = new SqlTarget(sqlSource);
        ITarget[] targets = [apiTarget, ceilingTarget, sqlTarget];

        Log("checking answers: the API's must equal the ceilings' (field by field, timestamps as instants)");
        var checkedAnswers = 0;
        foreach (var workload in Workload.All)
        {
            foreach (var request in requests.For(workload).Take(options.CheckedStudents))
            {
                var expected = (await sqlTarget.SendAsync(workload, request, true, CancellationToken.None)).Body;
                foreach (var target in (ITarget[])[apiTarget, ceilingTarget])
                {
                    var actual = (await target.SendAsync(workload, request, true, CancellationToken.None)).Body;
                    if (!AnswerCheck.SameData(expected, actual, out var why))
                    {
                        Console.Error.WriteLine($"ANSWER CHECK FAILED: {target.Name}, {workload.Name}, student {request.Student}: {why}");
                        return 3;
                    }

                    checkedAnswers++;
                }
            }
        }

        Log("statements and round trips per request (sequential sample)");
        var costs = new Dictionary<(string, string), RequestCost>();
        var observer = new NpgsqlConnectionStringBuilder(database) { Username = ObserverRole, Pooling = false }.ConnectionString;
        var apiRequests = 3L * options.CheckedStudents;
        foreach (var workload in Workload.All)
        {
            foreach (var target in targets)
            {
                costs[(workload.Name, target.Name)] = await MeasureCostAsync(target, target == apiTarget ? api : null, workload, requests, options.StatementSample,
                    pgStat ? observer : null);
            }

            apiRequests += options.StatementSample;
        }

        Log($"memory: the API's RSS after {string.Join(" and ", options.RssAfter)} requests (Q1, Q2, Q3 in turn)");
        var rss = new List<(long Requests, double MiB)> { (apiRequests, api.RssMiB()) };
        var mixRound = 0;
        foreach (var threshold in options.RssAfter)
        {
            while (apiRequests < threshold)
            {
                var workload = Workload.All[mixRound++ % Workload.All.Count];
                var chunk = Math.Min(2_000, threshold - apiRequests);
                var result = await LoadRunner.RunAsync(apiTarget, workload, requests.For(workload), options.Connections, TimeSpan.FromMinutes(5), chunk, mixRound);
                apiRequests += result.Ok + result.Bad;
                if (result.Bad > 0) return Fail($"memory phase: {result.Bad} bad answers from the API, e.g. {result.FirstBadBody}");
            }

            rss.Add((apiRequests, api.RssMiB()));
        }

        Log($"timed: {options.Rounds} round(s) x {options.RoundDuration.TotalSeconds} s per target and workload, {options.Warmup.TotalSeconds} s warm-up, {options.Connections} connections, target order rotating");
        var results = new Dictionary<(string, string), List<LoadResult>>();
        foreach (var workload in Workload.All)
        {
            for (var round = 0; round < options.Rounds; round++)
            {
                for (var k = 0; k < targets.Length; k++)
                {
                    var target = targets[(k + round) % targets.Length];
                    if (round == 0)
                        await LoadRunner.RunAsync(target, workload, requests.For(workload), options.Connections, options.Warmup, long.MaxValue, 99);
                    var result = await LoadRunner.RunAsync(target, workload, requests.For(workload), options.Connections, options.RoundDuration, long.MaxValue, round + 1);
                    if (target == apiTarget) apiRequests += result.Ok + result.Bad;
                    if (!results.TryGetValue((workload.Name, target.Name), out var list)) results[(workload.Name, target.Name)] = list = [];
                    list.Add(result);
                    Log($"  {workload.Name} {target.Name}: {result.RequestsPerSecond:0} req/s{(result.Bad > 0 ? $", {result.Bad} BAD: {result.FirstBadBody}" : "")}");
                }
            }
        }

        var report = new Report(options, targets.Select(t => t.Name).ToList(), results, costs, rss, checkedAnswers, pgStat,
            loadBefore, LoadAverage(), clock.Elapsed, Environment.GetEnvironmentVariable("BENCH_COMMIT") ?? "unknown");
        var path = report.Write();
        Console.WriteLine(File.ReadAllText(path));
        Log($"report: {path} ({clock.Elapsed.TotalSeconds:0} s)");
        return results.Values.SelectMany(r => r).Any(r => r.Bad > 0) ? 3 : 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 3;
    }

    private static async Task<RequestCost> MeasureCostAsync(ITarget target, ChildProcess? api, Workload workload, Requests requests, int sample, string? observer)
    {
        var linesBefore = api?.Lines().Count ?? 0;
        if (observer is not null) await ObserveAsync(observer, "SELECT pg_stat_statements_reset()");
        foreach (var request in requests.For(workload).Take(sample)) await target.SendAsync(workload, request, false, CancellationToken.None);
        double? statements = null;
        if (observer is not null)
        {
            await Task.Delay(200); // the last request's statements are recorded when they end
            var calls = Convert.ToDouble(await ObserveAsync(observer,
                $"SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE userid <> (SELECT oid FROM pg_roles WHERE rolname = '{ObserverRole}')"));
            statements = calls / sample;
        }

        if (api is null) return new RequestCost(statements, 1, "pg_stat_statements");
        var logged = await LoggedCostsAsync(api, linesBefore, sample);
        return logged.Count == 0
            ? new RequestCost(statements, null, "—")
            : new RequestCost(statements ?? logged.Average(c => c.Statements), logged.Average(c => c.RoundTrips), statements is null ? "API log" : "pg_stat_statements");
    }

    /// <summary>The API's per-request log line says "N SQL statements, M round trips" (the console logger writes it
    /// asynchronously, so wait for the sample's lines).</summary>
    private static async Task<List<(double Statements, double RoundTrips)>> LoggedCostsAsync(ChildProcess api, int linesBefore, int sample)
    {
        List<(double, double)> found = [];
        for (var attempt = 0; attempt < 30 && found.Count < sample; attempt++)
        {
            if (attempt > 0) await Task.Delay(100);
            found = api.Lines().Skip(linesBefore).Select(l => CostPattern().Match(l)).Where(m => m.Success)
                .Select(m => (double.Parse(m.Groups[1].Value), double.Parse(m.Groups[2].Value))).ToList();
        }

        return found;
    }

    [GeneratedRegex(@"(\d+) SQL statements, (\d+) round trips")]
    private static partial Regex CostPattern();

    private static async Task<Requests> LoadRequestsAsync(NpgsqlDataSource admin)
    {
        var students = new List<Guid>();
        await using (var command = admin.CreateCommand("SELECT DISTINCT student_id FROM goals ORDER BY 1"))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) students.Add(reader.GetGuid(0));
        var goals = new List<BenchRequest>();
        await using (var command = admin.CreateCommand("SELECT student_id, id FROM goals ORDER BY md5(id::text)"))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) goals.Add(new BenchRequest(reader.GetGuid(0), reader.GetGuid(1)));
        if (students.Count == 0 || goals.Count == 0) throw new InvalidOperationException("The seed inserted nothing.");
        var byStudent = students.OrderBy(s => s.ToString("N")[^6..], StringComparer.Ordinal).Select(s => new BenchRequest(s, Guid.Empty)).ToList();
        return new Requests(byStudent, goals, students);
    }

    private sealed record Requests(List<BenchRequest> ByStudent, List<BenchRequest> ByGoal, List<Guid> Students)
    {
        public List<BenchRequest> For(Workload workload) => workload.NeedsGoal ? ByGoal : ByStudent;
    }

    private static async Task WaitHealthyAsync(ChildProcess process, string url)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited) throw new InvalidOperationException($"{url} exited during start-up; see {process.LogPath}:\n{string.Join('\n', process.Lines().TakeLast(20))}");
            try
            {
                using var response = await client.GetAsync(new Uri(url));
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{url} not healthy after 90 s; see {process.LogPath}");
    }

    private static async Task RunToCompletionAsync(string dll, string[] arguments, Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        using var process = Process.Start(info)!;
        _ = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet {Path.GetFileName(dll)} {string.Join(' ', arguments)} exited with {process.ExitCode}");
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ObserveAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static bool HasPgStatStatements()
    {
        try
        {
            var pkglibdir = RunQuietly("pg_config", "--pkglibdir");
            if (pkglibdir is not null && File.Exists(Path.Combine(pkglibdir.Trim(), "pg_stat_statements.so"))) return true;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No pg_config on PATH: look where Debian puts the server.
        }

        return Directory.Exists("/usr/lib/postgresql") &&
               Directory.GetFiles("/usr/lib/postgresql", "pg_stat_statements.so", SearchOption.AllDirectories).Length > 0;
    }

    private static string? RunQuietly(string executable, string argument)
    {
        using var process = Process.Start(new ProcessStartInfo(executable, argument) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static void Log(string message) => Console.Error.WriteLine($"[load {DateTime.UtcNow:HH:mm:ss}] {message}");
}

/// <summary>Statements (pg_stat_statements, else the API's log line) and round trips per request.</summary>
public sealed record RequestCost(double? Statements, double? RoundTrips, string Source);
