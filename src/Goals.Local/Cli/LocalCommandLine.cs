using System.CommandLine;
using Goals.Api.Cli;

namespace Goals.Local.Cli;

/// <summary>
/// `Goals.Local [verb] [options]`: serve (the default), migrate, token, seed, worker; `--help` on each. Without
/// ConnectionStrings:Goals the verbs use the private PostgreSQL in .data/pg (Database:DataDirectory).
/// </summary>
public static class LocalCommandLine
{
    public static Task<int> RunAsync(string[] args) => CommandLineHost.RunAsync(args, Build, defaultVerb: ServeCommand.Name);

    public static RootCommand Build(IReadOnlyList<string> overrides) => new(
        "Goals API, the local run. Without ConnectionStrings:Goals a private PostgreSQL is started in .data/pg "
        + "(Database:DataDirectory). `--Section:Key=value` arguments override configuration.")
    {
        ServeCommand.Create(overrides),
        MigrateCommand.Create(overrides, "Apply schema/migrations to ConnectionStrings:Goals, or to the private PostgreSQL", OpenForMigrationAsync),
        TokenCommand.Create(overrides),
        SeedCommand.Create(overrides),
        WorkerCommand.Create(overrides),
    };

    private static async Task<DatabaseTarget> OpenForMigrationAsync(IConfiguration configuration, ILoggerFactory loggers, CancellationToken ct)
    {
        var database = await LocalDatabase.OpenAsync(configuration, loggers, prepareEmbedded: false, ct);
        return new DatabaseTarget(database.ConnectionString, database);
    }
}
