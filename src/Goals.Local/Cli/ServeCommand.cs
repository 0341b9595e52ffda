using System.CommandLine;

namespace Goals.Local.Cli;

/// <summary>
/// Goals.Local's `serve` (the default verb): Goals.Api's serve verb plus the IDE at /graphql and job files under .data/;
/// without ConnectionStrings:Goals a private PostgreSQL is started, migrated and given demo data (an external database
/// is used as configured and never migrated: run the migrate verb).
/// </summary>
internal static class ServeCommand
{
    public const string Name = Api.Cli.ServeCommand.Name;

    public static Command Create(IReadOnlyList<string> overrides) => Api.Cli.ServeCommand.Create(
        overrides,
        "Run the API on Kestrel with the GraphQL IDE and the jobs worker (the default verb)",
        async (configuration, loggers, ct) =>
        {
            var database = await LocalDatabase.OpenAsync(configuration, loggers, prepareEmbedded: true, ct);
            return new Api.Cli.DatabaseTarget(database.ConnectionString, database);
        },
        LocalApp.ConfigureServices);
}
