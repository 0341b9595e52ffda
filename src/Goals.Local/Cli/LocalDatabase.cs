using Goals.Local.Embedded;
using Goals.Data.Migrations;

namespace Goals.Local.Cli;

/// <summary>
/// The local-only database convenience of serve/migrate/seed: `ConnectionStrings:Goals` when configured (used as is,
/// never migrated implicitly), otherwise the data layer's private PostgreSQL in .data/ (or `Database:DataDirectory`),
/// migrated, with the demo student's data. Never used in Lambda.
/// </summary>
internal static class LocalDatabase
{
    public static async Task<EmbeddedDatabase> OpenAsync(IConfiguration configuration, ILoggerFactory loggers, bool prepareEmbedded,
        CancellationToken ct)
    {
        var database = await EmbeddedDatabase.StartAsync(configuration, loggers, ct);
        if (database.Server is not null && prepareEmbedded)
        {
            var logger = loggers.CreateLogger("Goals.Local.LocalDatabase");
            if (await MigrationCommand.RunAsync(database.ConnectionString, logger, ct) != MigrationCommand.Success)
            {
                await database.DisposeAsync();
                throw new InvalidOperationException("Migrating the private PostgreSQL failed (see the log above).");
            }

            await DemoData.EnsureAsync(database.ConnectionString, logger, ct);
        }

        return database;
    }
}
