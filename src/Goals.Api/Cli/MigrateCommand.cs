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
