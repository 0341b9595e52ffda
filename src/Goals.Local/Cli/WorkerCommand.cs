using System.CommandLine;
using Goals.Api.Cli;
using Goals.Api.Hosting;
using Goals.Api.Jobs;
using Goals.Data;

namespace Goals.Local.Cli;

/// <summary>
/// `worker [--once]`: the local job worker on its own — the same drain `serve` hosts (sweep, then run every runnable
/// job with the Lambda worker's code), over ConnectionStrings:Goals or the private PostgreSQL. Runs until Ctrl+C;
/// with --once it drains what is runnable and exits.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create(IReadOnlyList<string> overrides)
    {
        var once = new Option<bool>("--once") { Description = "Drain what is runnable, then exit (default: run until Ctrl+C)" };
        var command = new Command("worker", "Run queued jobs locally (the drain serve already hosts)") { once };
        command.SetAction((parsed, _) => RunAsync(overrides, parsed.GetValue(once)));
        return command;
    }

    private static async Task<int> RunAsync(IReadOnlyList<string> overrides, bool once)
    {
        var builder = GoalsApp.CreateBuilder(overrides.ToArray(), CommandLineHost.LocalEnvironment());
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        using var stopping = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stopping.Cancel();
        };

        await using var database = await LocalDatabase.OpenAsync(builder.Configuration, loggers, prepareEmbedded: true, stopping.Token);
        builder.Configuration[DatabaseOptions.ConnectionStringKey] = database.ConnectionString;
        LocalApp.ConfigureServices(builder);
        await using var app = builder.Build();
        var worker = app.Services.GetRequiredService<LocalJobWorker>();
        var logger = loggers.CreateLogger("Goals.Local.Worker");
        if (once)
        {
            var runs = await worker.DrainAsync(stopping.Token);
            logger.LogInformation("worker --once: {Runs} job runs, nothing runnable left", runs);
            return 0;
        }

        logger.LogInformation("worker: draining the jobs table until Ctrl+C");
        await worker.StartAsync(stopping.Token);
        try
        {
            await Task.Delay(Timeout.Infinite, stopping.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await worker.StopAsync(CancellationToken.None);
        return 0;
    }
}
