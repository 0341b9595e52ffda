using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Goals.Lambda.Runtime;

/// <summary>Runs the named initialisation phases in order and logs how long each took (cold-start budget).</summary>
internal sealed class LambdaInitPhases(ILogger logger)
{
    private readonly Stopwatch _total = Stopwatch.StartNew();

    public async Task<T> RunAsync<T>(string phase, Func<Task<T>> action)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            return await action();
        }
        finally
        {
            logger.LogInformation("Init phase {Phase} took {ElapsedMs} ms", phase, watch.Elapsed.TotalMilliseconds);
        }
    }

    public Task RunAsync(string phase, Func<Task> action) => RunAsync(phase, async () =>
    {
        await action();
        return true;
    });

    public void LogTotal() => logger.LogInformation("Init finished in {ElapsedMs} ms", _total.Elapsed.TotalMilliseconds);
}
