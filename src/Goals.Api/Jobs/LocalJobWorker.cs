using Goals.Api.Configuration;
using Goals.Data.Jobs;
using Goals.Data.Transactions;

namespace Goals.Api.Jobs;

/// <summary>
/// The local worker (no AWS): sweeps, then runs every runnable job of the table with the same <see cref="JobRunner"/>
/// as the Lambda worker, one at a time; sleeps until a new job is published or a second passes. Hosted by `serve`;
/// the `worker` verb runs it standalone.
/// </summary>
public sealed class LocalJobWorker(JobRunner jobRunner, JobSweeper sweeper, TransactionRunner runner, JobRepository jobs,
    IJobPublisher publisher, JobsOptions options, ILogger<LocalJobWorker> logger) : BackgroundService
{
    /// <summary>Runs jobs until none is runnable; returns how many runs it made.</summary>
    public async Task<int> DrainAsync(CancellationToken ct)
    {
        var runs = 0;
        while (!ct.IsCancellationRequested)
        {
            await sweeper.SweepAsync(ct);
            var runnable = await runner.RunAsync((s, c) => jobs.FindRunnableAsync(s, 10, c), ct);
            if (runnable.Count == 0) return runs;
            foreach (var key in runnable)
            {
                await jobRunner.RunAsync(key, ct);
                runs++;
            }
        }

        return runs;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Local job worker started (no queue configured: jobs run in this process)");
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DrainAsync(stoppingToken);
                if (publisher is LocalJobPublisher local) await local.WaitAsync(TimeSpan.FromSeconds(Math.Max(1, options.SweepIntervalSeconds)), stoppingToken);
                else await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Local job worker: drain failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(options.BackoffSeconds), stoppingToken);
            }
        }
    }
}
