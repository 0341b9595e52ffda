using Goals.Api.Hosting;
using Goals.Api.Jobs;
using Goals.Data;
using Goals.Data.Migrations;
using Goals.Lambda.Hosting;
using Goals.Lambda.Migrations;
using Goals.Lambda.Sqs;
using Goals.GraphQL.Execution;

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
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT");
        var builder = GoalsApp.CreateBuilder(args, environment ?? "Production");
        builder.UseLambdaServer();
        GoalsApp.ConfigureServices(builder);
        builder.Services.AddSingleton<IDatabaseMigrator, DataLayerMigrator>();
        builder.Services.AddScoped<ISqsRecordHandler, JobMessageHandler>(); // the worker handler: one scope per SQS record
        if (LambdaEnvironment.HandlerName == LambdaHandlerNames.Api)
        {
            // The schema (SDL parse + binding) is built on first resolve: do it in init, timed, not in the first request.
            builder.Services.AddLambdaInitStep("build-schema", (services, _) =>
            {
                services.GetRequiredService<GraphQLExecutor>();
                return Task.CompletedTask;
            });
        }

        builder.Services.AddLambdaInitStep("database-warm-up", (services, ct) => services.GetRequiredService<GoalsDataSource>().WarmUpAsync(ct));
        await using var app = GoalsApp.Build(builder);
        return await LambdaEntryPoint.RunAsync(app);
    }

    private sealed class DataLayerMigrator(IConfiguration configuration, ILogger<DataLayerMigrator> logger) : IDatabaseMigrator
    {
        public async Task MigrateAsync(CancellationToken cancellationToken)
        {
            var connectionString = DatabaseConfiguration.GetExternalConnectionString(configuration)
                ?? throw new InvalidOperationException($"{DatabaseConfiguration.ConnectionStringKey} is not set.");
            if (await MigrationCommand.RunAsync(GoalsDataSourceFactory.BuildConnectionString(connectionString, configuration), logger,
                    cancellationToken) != MigrationCommand.Success)
            {
                throw new InvalidOperationException("Migrations failed (see the log).");
            }
        }
    }
}
