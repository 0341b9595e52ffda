using System.Globalization;
using System.Text;

namespace LoadBench;

/// <summary>The markdown report (bench/load/results/&lt;date&gt;.md): throughput, latency, ratio to the HTTP ceiling,
/// statements and round trips per request, and the API's RSS after N requests.</summary>
public sealed record Report(BenchOptions Options, IReadOnlyList<string> Targets, Dictionary<(string, string), List<LoadResult>> Results,
    Dictionary<(string, string), RequestCost> Costs, List<(long Requests, double MiB)> Rss, int CheckedAnswers, bool PgStatStatements,
    string LoadBefore, string LoadAfter, TimeSpan Elapsed, string Commit)
{
    public string Write()
    {
        var now = DateTime.UtcNow;
        var md = new StringBuilder();
        md.AppendLine($"# Load benchmark, {now:yyyy-MM-dd HH:mm} UTC{(Options.Quick ? " (--quick)" : "")}");
        md.AppendLine();
        md.AppendLine(
            $"Commit `{Commit}`; {Environment.ProcessorCount} cores, load average {LoadBefore} before and {LoadAfter} after; " +
            $"{Options.Students} students × 20 goals × (5 tasks + 3 notes); {Options.Connections} connections; " +
            $"{Options.Rounds} round(s) × {Options.RoundDuration.TotalSeconds:0.#} s per cell after {Options.Warmup.TotalSeconds:0.#} s of warm-up, target order rotating; " +
            $"whole run {Elapsed.TotalSeconds:0} s. {CheckedAnswers} answers of the API and the HTTP ceiling were compared with the SQL ceiling's first: all equal. " +
            "Every timed answer was checked too (HTTP 200, no `errors`).");
        md.AppendLine();
        md.AppendLine("| workload | target | req/s | rounds min–max | p50 ms | p99 ms | ÷ HTTP ceiling | SQL statements/req | round trips/req | bad |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var workload in Workload.All)
        {
            var ceiling = Throughput(workload.Name, Targets[1]);
            foreach (var target in Targets)
            {
                var rounds = Results[(workload.Name, target)];
                var latencies = rounds.SelectMany(r => r.LatenciesMs).Order().ToList();
                var rps = Throughput(workload.Name, target);
                var cost = Costs[(workload.Name, target)];
                md.AppendLine(
                    $"| {workload.Title} | {target} | {rps:0} | {rounds.Min(r => r.RequestsPerSecond):0}–{rounds.Max(r => r.RequestsPerSecond):0} | " +
                    $"{LoadRunner.Percentile(latencies, 0.50):0.00} | {LoadRunner.Percentile(latencies, 0.99):0.00} | {rps / ceiling:P0} | " +
                    $"{Number(cost.Statements)} | {Number(cost.RoundTrips)} | {rounds.Sum(r => r.Bad)} |");
            }
        }

        md.AppendLine();
        md.AppendLine(PgStatStatements
            ? "SQL statements/req: `pg_stat_statements` (`track_utility` on, so pool resets, BEGIN/COMMIT count), calls of every role but the observer over a sequential sample of " +
              $"{Options.StatementSample} requests. Round trips/req: the API's own request log line (the ceilings send one statement per request)."
            : "SQL statements and round trips per request: the API's own request log line (pg_stat_statements is not installed on this machine).");
        md.AppendLine();
        md.AppendLine("The API's memory (VmRSS of its process, counting every request it answered since start-up):");
        md.AppendLine();
        md.AppendLine("| requests answered | RSS MiB |");
        md.AppendLine("|---:|---:|");
        foreach (var (requests, mib) in Rss) md.AppendLine($"| {requests:N0} | {mib:0.0} |");
        md.AppendLine();
        md.AppendLine("Client, servers and PostgreSQL share the machine's cores: compare rows of one run, not runs on different days or machines.");

        Directory.CreateDirectory(Options.ResultsDirectory);
        var path = Path.Combine(Options.ResultsDirectory, $"{now:yyyy-MM-dd}{(Options.Quick ? "-quick" : "")}.md");
        File.WriteAllText(path, md.ToString());
        return path;
    }

    private double Throughput(string workload, string target)
    {
        var rounds = Results[(workload, target)];
        return rounds.Sum(r => r.Ok) / rounds.Sum(r => r.Elapsed.TotalSeconds);
    }

    private static string Number(double? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "—";
}
