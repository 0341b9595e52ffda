using System.Diagnostics;
using Goals.Api.Hosting;
using Goals.Api.Jobs;
using Goals.Data;
using Goals.Data.Migrations;
using Goals.Lambda.Hosting;
using Goals.Lambda.Migrations;
using Goals.Lambda.Scheduled;
using Goals.Lambda.Sqs;

namespace Goals.Api.Cli;

/// <summary>
/// Lambda mode (AWS_LAMBDA_RUNTIME_API set): the same app pipeline on the lambda branch's LambdaServer; _HANDLER picks
/// api | worker | migrate. Production by default, ConnectionStrings:Goals required, never an embedded database and
/// never a migration at start-up (the migrate handler runs them at deploy time).
/// </summary>
internal static class LambdaMode
{
    public static async Task<int> RunAsync(string[] args)
    {
        var started = DateTime.UtcNow;
        var startedTimestamp = Stopwatch.GetTimestamp();
        var heapLimit = LambdaMemoryLimit.Apply(); // before the app allocates: the GC sizes itself by the function's memory
        return await LambdaEntryPoint.RunAsync(() => BuildApp(args, started, startedTimestamp, heapLimit));
    }

    /// <summary>Runs inside the init phase: a failure here is posted to /runtime/init/error by the entry point.</summary>
    private static WebApplication BuildApp(string[] args, DateTime started, long startedTimestamp, ulong? heapLimit)
    {
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT");
        var builder = GoalsApp.CreateBuilder(args, environment ?? "Production");
        builder.UseLambdaServer();
        GoalsApp.ConfigureServices(builder);
        builder.Services.AddSingleton<IDatabaseMigrator, DataLayerMigrator>();
        builder.Services.AddScoped<ISqsRecordHandler, JobMessageHandler>(); // the worker handler: one scope per SQS record
        builder.Services.AddGoalsSnapStart(LambdaEnvironment.HandlerName); // used only when Lambda restores from a SnapStart snapshot
        builder.Services.AddScoped<IScheduledTask, JobSweeperTask>(); // the sweeper handler (scheduled)
        builder.Services.AddLambdaInitStep("database-warm-up", (services, ct) => services.GetRequiredService<GoalsDataSource>().WarmUpAsync(ct));
        var app = GoalsApp.Build(builder); // builds the GraphQL schema too (logged: "GraphQL schema built in")

        // The init phases before LambdaEntryPoint's own (resolve-handler, host-start, database-warm-up), same log format.
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Goals.Lambda");
        logger.LogInformation("Init phase {Phase} took {ElapsedMs} ms", "runtime-start", (started - ProcessStartTime()).TotalMilliseconds);
        logger.LogInformation("Init phase {Phase} took {ElapsedMs} ms", "build-app", Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds);
        logger.LogInformation("GC heap hard limit {HeapLimitBytes} (from {MemorySizeVariable}: {Applied}); GC sees {TotalAvailableMemoryBytes} bytes",
            heapLimit, LambdaMemoryLimit.MemorySizeVariable, heapLimit is not null, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
        return app;
    }

    /// <summary>When the OS started this process: "runtime-start" = .NET runtime start-up until Lambda mode begins.</summary>
    private static DateTime ProcessStartTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.StartTime.ToUniversalTime();
    }

    private sealed class DataLayerMigrator(IConfiguration configuration, ILogger<DataLayerMigrator> logger) : IDatabaseMigrator
    {
        public async Task MigrateAsync(CancellationToken cancellationToken)
        {
            var connectionString = DatabaseOptions.ConnectionString(configuration)
                ?? throw new InvalidOperationException($"{DatabaseOptions.ConnectionStringKey} is not set.");
            if (await MigrationCommand.RunAsync(GoalsDataSourceFactory.BuildConnectionString(connectionString, configuration), logger,
                    cancellationToken) != MigrationCommand.Success)
            {
                throw new InvalidOperationException("Migrations failed (see the log).");
            }
        }
    }
}
