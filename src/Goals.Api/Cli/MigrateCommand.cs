using Goals.Data.Migrations;

namespace Goals.Api.Cli;

/// <summary>`migrate`: applies the data layer's migrations to ConnectionStrings:Goals (or the private PostgreSQL of the local run).</summary>
internal static class MigrateCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = CliDispatcher.LoadConfiguration(CliDispatcher.LocalEnvironment(), args);
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        await using var database = await LocalDatabase.OpenAsync(configuration, loggers, prepareEmbedded: false, CancellationToken.None);
        return await MigrationCommand.RunAsync(database.ConnectionString, loggers.CreateLogger("Goals.Api.Migrate"), CancellationToken.None);
    }
}
