using Goals.Data.Embedded;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Goals.Data.Migrations;

/// <summary>
/// <c>Goals.Api migrate [--Migrations:Directory=schema/migrations] [--ConnectionStrings:Goals=...]</c>:
/// migrates ConnectionStrings:Goals (with the Database:* TLS settings), or the persistent private
/// PostgreSQL of the local run when it is unset. Embedded migrations unless a directory is given.
/// <c>--multi-region</c>: also schema/migrations/multi-region, on a multi-region CockroachDB only (else refused, exit 2).
/// </summary>
public static class MigrateVerb
{
    public const string Name = "migrate";
    public const string DirectoryKey = "Migrations:Directory";
    public const string MultiRegionFlag = "--multi-region";

    public static async Task<int> RunAsync(string[] args, CancellationToken ct = default)
    {
        var multiRegion = args.Contains(MultiRegionFlag, StringComparer.Ordinal);
        args = args.Where(a => a != MultiRegionFlag).ToArray();
        var configuration = new ConfigurationBuilder()
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        var logger = loggerFactory.CreateLogger("migrate");
        try
        {
            await using var database = await EmbeddedDatabase.StartAsync(configuration, loggerFactory, ct);
            var connectionString = GoalsDataSourceFactory.BuildConnectionString(database.ConnectionString, configuration);
            return multiRegion
                ? await MultiRegionMigration.RunAsync(connectionString, logger, ct)
                : await MigrationCommand.RunAsync(connectionString, configuration[DirectoryKey], logger, ct);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException)
        {
            logger.LogError(e, "Could not reach the database: {Message}", e.Message);
            return MigrationCommand.Failure;
        }
    }
}
