using Microsoft.Extensions.Logging;
using Npgsql;

namespace Goals.Data.Migrations;

/// <summary>
/// <c>migrate --multi-region</c>: the normal sequence plus schema/migrations/multi-region (REGIONAL BY ROW tables), on a
/// multi-region CockroachDB only. Anything else is refused before a statement runs, with what is missing, so an
/// operator cannot half-apply it to PostgreSQL or to a single-region cluster. The normal `migrate` never applies it.
/// </summary>
public static class MultiRegionMigration
{
    public const int Refused = 2;

    public static async Task<int> RunAsync(string connectionString, ILogger logger, CancellationToken ct)
    {
        string? refusal;
        try
        {
            refusal = await RefusalAsync(connectionString, ct);
        }
        catch (NpgsqlException e)
        {
            logger.LogError(e, "Could not inspect the database: {Message}", e.Message);
            return MigrationCommand.Failure;
        }

        if (refusal is not null)
        {
            logger.LogError("Multi-region migration refused: {Reason} Nothing was changed; the normal `migrate` is unaffected.", refusal);
            return Refused;
        }

        return await MigrationCommand.RunAsync(connectionString, [.. MigrationSource.Embedded(), .. MigrationSource.EmbeddedMultiRegion()], logger, ct);
    }

    /// <returns>Why this database cannot take the multi-region schema, or null when it can.</returns>
    public static async Task<string?> RefusalAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var version = new NpgsqlCommand("SELECT version()", connection);
        var server = (string?)await version.ExecuteScalarAsync(ct) ?? "";
        if (!server.Contains("CockroachDB", StringComparison.OrdinalIgnoreCase))
        {
            return $"it applies only to a multi-region CockroachDB, and this database is not CockroachDB ({server.Split(',')[0]}).";
        }

        await using var regions = new NpgsqlCommand("SELECT count(*) FROM [SHOW REGIONS FROM DATABASE]", connection);
        if ((long)(await regions.ExecuteScalarAsync(ct) ?? 0L) == 0)
        {
            return "this CockroachDB database has no PRIMARY REGION; run ALTER DATABASE <db> SET PRIMARY REGION \"<region>\" (and ADD REGION for the others) first.";
        }

        return null;
    }
}
