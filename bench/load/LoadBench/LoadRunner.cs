using System.Diagnostics;

namespace LoadBench;

/// <summary>What one timed (or counted) load run measured.</summary>
public sealed record LoadResult(long Ok, long Bad, TimeSpan Elapsed, List<double> LatenciesMs, string? FirstBadBody)
{
    public double RequestsPerSecond => Ok / Elapsed.TotalSeconds;
}

/// <summary>Closed-loop load: N workers, each sends its next request when the previous answer has been read.</summary>
public static class LoadRunner
{
    /// <summary>Runs until <paramref name="duration"/> has passed or <paramref name="maxRequests"/> were sent.</summary>
    public static async Task<LoadResult> RunAsync(ITarget target, Workload workload, IReadOnlyList<BenchRequest> requests, int connections,
        TimeSpan duration, long maxRequests, int seed)
    {
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long sent = 0, ok = 0, bad = 0;
        string? firstBad = null;
        var perWorker = new List<double>[connections];
        var workers = Enumerable.Range(0, connections).Select(i => Task.Run(async () =>
        {
            var random = new Random(seed * 1000 + i);
            var latencies = perWorker[i] = new List<double>(4096);
            while (Stopwatch.GetTimestamp() < deadline && Interlocked.Increment(ref sent) <= maxRequests)
            {
                var request = requests[random.Next(requests.Count)];
                var before = Stopwatch.GetTimestamp();
                bool success;
                string? body;
                try
                {
                    (success, body) = await target.SendAsync(workload, request, keepBody: false, CancellationToken.None);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Npgsql.NpgsqlException)
                {
                    (success, body) = (false, e.GetType().Name + ": " + e.Message);
                }

                if (success)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(before).TotalMilliseconds);
                    Interlocked.Increment(ref ok);
                }
                else
                {
                    Interlocked.Increment(ref bad);
                    Interlocked.CompareExchange(ref firstBad, body ?? "(no body)", null);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return new LoadResult(ok, bad, Stopwatch.GetElapsedTime(started), perWorker.SelectMany(l => l).ToList(), firstBad);
    }

    public static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
