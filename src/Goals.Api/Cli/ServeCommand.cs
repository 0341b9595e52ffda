using Goals.Api.Configuration;
using Goals.Api.Hosting;
using Goals.Data;
using Microsoft.Extensions.Options;

namespace Goals.Api.Cli;

/// <summary>`serve`: Kestrel on http://127.0.0.1:5000 unless --urls (or ASPNETCORE_URLS) says otherwise.</summary>
internal static class ServeCommand
{
    public const string DefaultUrl = "http://127.0.0.1:5000";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = GoalsApp.CreateBuilder(args, CliDispatcher.LocalEnvironment());
        if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(DefaultUrl);
        ServeMemoryLimit.Apply(ServeOptions.From(builder.Configuration)); // before the app allocates

        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        using var stopping = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => stopping.Cancel();

        // Local convenience only: without ConnectionStrings:Goals a private PostgreSQL is started, migrated and seeded.
        // An external database is used as configured; serve never migrates it (run the migrate verb).
        await using var database = await LocalDatabase.OpenAsync(builder.Configuration, loggers, prepareEmbedded: true, stopping.Token);
        builder.Configuration[DatabaseOptions.ConnectionStringKey] = database.ConnectionString;

        GoalsApp.ConfigureServices(builder);
        builder.Services.AddGoalsKestrelLimits();
        Jobs.JobServices.AddLocalWorkerIfLocal(builder.Services, builder.Configuration); // no queue: jobs run in this process
        await using var app = GoalsApp.Build(builder);
        // The options' start-up checks, run here so a failure is the CLI's clear message, not the host's logged stack trace.
        app.Services.GetService<IStartupValidator>()?.Validate();
        await app.RunAsync();
        return 0;
    }
}
