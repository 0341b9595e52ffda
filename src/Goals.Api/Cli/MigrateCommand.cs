using System.CommandLine;
using Goals.Data;
using Goals.Data.Migrations;

namespace Goals.Api.Cli;

/// <summary>
/// `migrate [--multi-region] [--Migrations:Directory=schema/migrations]`: applies the migrations to the database the
/// caller opens (Goals.Api: ConnectionStrings:Goals with the Database:* TLS settings, required; Goals.Local falls back to
/// the private PostgreSQL). Embedded migrations unless a directory is configured. --multi-region: also
/// schema/migrations/multi-region, on a multi-region CockroachDB only (else refused, exit 2).
/// </summary>
public static class MigrateCommand
{
    public const string Name = "migrate";
    public const string DirectoryKey = "Migrations:Directory";

    /// <summary>The database to migrate: its connection string, and what keeps it alive until the migration is done.</summary>
    public delegate Task<MigrationTarget> OpenDatabase(IConfiguration configuration, ILoggerFactory loggers, CancellationToken ct);

    public static Command Create(IReadOnlyList<string> configurationOverrides, string description, OpenDatabase open)
    {
        var multiRegion = new Option<bool>("--multi-region")
        {
            Description = "Also apply schema/migrations/multi-region (a multi-region CockroachDB only; refused with exit 2 elsewhere)",
        };
        var command = new Command(Name, description) { multiRegion };
        command.SetAction((parsed, ct) => RunAsync(configurationOverrides, parsed.GetValue(multiRegion), open, ct));
        return command;
    }

    /// <summary>Goals.Api's target: ConnectionStrings:Goals, nothing else (fail closed: no implicit local database).</summary>
    public static Task<MigrationTarget> ConfiguredDatabase(IConfiguration configuration, ILoggerFactory loggers, CancellationToken ct) =>
        Task.FromResult(DatabaseOptions.ConnectionString(configuration) is { } connectionString
            ? new MigrationTarget(connectionString)
            : throw new InvalidOperationException($"{DatabaseOptions.ConnectionStringKey} is not set (the database to migrate)."));

    private static async Task<int> RunAsync(IReadOnlyList<string> overrides, bool multiRegion, OpenDatabase open, CancellationToken ct)
    {
        var configuration = CommandLineHost.LoadConfiguration(CommandLineHost.LocalEnvironment(), overrides);
        using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        var logger = loggerFactory.CreateLogger(Name);
        try
        {
            await using var database = await open(configuration, loggerFactory, ct);
            var connectionString = GoalsDataSourceFactory.BuildConnectionString(database.ConnectionString, configuration);
            return multiRegion
                ? await MultiRegionMigration.RunAsync(connectionString, logger, ct)
                : await MigrationCommand.RunAsync(connectionString, configuration[DirectoryKey], logger, ct);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException)
        {
            logger.LogError("Could not open the database: {Message}", e.Message);
            return MigrationCommand.Failure;
        }
    }
}

/// <param name="Lifetime">Disposed after the migration (a private server the caller started), or null.</param>
public sealed record MigrationTarget(string ConnectionString, IAsyncDisposable? Lifetime = null) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Lifetime?.DisposeAsync() ?? ValueTask.CompletedTask;
}
