using Microsoft.Extensions.Logging;
using Npgsql;

namespace Goals.Data.Migrations;

/// <summary>
/// Applies numbered migrations in order, each statement in its own transaction (CockroachDB commits
/// an open transaction before DDL and does not make several schema changes atomic). A file is
/// recorded in <c>schema_migrations</c> only after all its statements ran; statements must be
/// idempotent (IF NOT EXISTS), so a file interrupted halfway is simply re-run from the top.
/// </summary>
public sealed class MigrationRunner(NpgsqlDataSource dataSource, ILogger logger)
{
    private const string BootstrapSql = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INT4        NOT NULL PRIMARY KEY,
            name       TEXT        NOT NULL,
            checksum   TEXT        NOT NULL,
            applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        CREATE TABLE IF NOT EXISTS schema_migrations_lock (
            id INT4 NOT NULL PRIMARY KEY
        );
        INSERT INTO schema_migrations_lock (id) VALUES (1) ON CONFLICT (id) DO NOTHING
        """;

    /// <summary>Applies what is pending; returns the versions applied by this call.</summary>
    /// <exception cref="MigrationChecksumMismatchException">An applied file was edited afterwards.</exception>
    public async Task<IReadOnlyList<Migration>> ApplyAsync(IReadOnlyList<Migration> migrations, CancellationToken ct)
    {
        await BootstrapAsync(ct);
        await using var migrationLock = await MigrationLock.AcquireAsync(dataSource, logger, ct);
        await using var connection = await dataSource.OpenConnectionAsync(ct);

        var applied = await ReadAppliedAsync(connection, ct);
        VerifyChecksums(migrations, applied);

        var pending = migrations.Where(m => !applied.ContainsKey(m.Version)).ToList();
        if (pending.Count == 0)
        {
            logger.LogInformation("Database schema is up to date ({Count} migrations applied)", applied.Count);
            return pending;
        }
        foreach (var migration in pending)
        {
            await ApplyOneAsync(connection, migration, ct);
        }
        return pending;
    }

    private async Task ApplyOneAsync(NpgsqlConnection connection, Migration migration, CancellationToken ct)
    {
        logger.LogInformation("Applying migration {Version:D4}_{Name}", migration.Version, migration.Name);
        var statements = migration.Statements;
        for (var i = 0; i < statements.Count; i++)
        {
            try
            {
                await ExecuteAsync(connection, statements[i], ct);
            }
            catch (PostgresException e)
            {
                throw new InvalidOperationException(
                    $"Migration {migration.Version:D4}_{migration.Name} failed at statement {i + 1} of {statements.Count} (SQLSTATE {e.SqlState}): {e.MessageText}", e);
            }
        }
        await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", connection)
        {
            Parameters = { new() { Value = migration.Version }, new() { Value = migration.Name }, new() { Value = migration.Checksum } },
        };
        await record.ExecuteNonQueryAsync(ct);
        logger.LogInformation("Applied migration {Version:D4}_{Name} ({StatementCount} statements)", migration.Version, migration.Name, statements.Count);
    }

    private async Task BootstrapAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        foreach (var statement in SqlStatementSplitter.Split(BootstrapSql))
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await ExecuteAsync(connection, statement, ct);
                    break;
                }
                // Two runners creating the same table at once: PostgreSQL can report a duplicate
                // catalog row (23505 / 42P07 / 42710) despite IF NOT EXISTS; CockroachDB can report 40001.
                catch (PostgresException e) when (attempt < 10 && e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.SerializationFailure)
                {
                    await Task.Delay(20 * attempt, ct);
                }
            }
        }
    }

    private static async Task<Dictionary<int, (string Name, string Checksum)>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var applied = new Dictionary<int, (string, string)>();
        await using var command = new NpgsqlCommand("SELECT version, name, checksum FROM schema_migrations ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            applied[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
        }
        return applied;
    }

    private void VerifyChecksums(IReadOnlyList<Migration> migrations, Dictionary<int, (string Name, string Checksum)> applied)
    {
        var changed = migrations.Where(m => applied.TryGetValue(m.Version, out var a) && a.Checksum != m.Checksum).ToList();
        if (changed.Count > 0)
        {
            throw new MigrationChecksumMismatchException(changed.Select(m => $"{m.Version:D4}_{m.Name}").ToList());
        }
        foreach (var missing in applied.Keys.Except(migrations.Select(m => m.Version)))
        {
            logger.LogWarning("Migration {Version:D4}_{Name} is recorded as applied but no longer exists", missing, applied[missing].Name);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }
}

public sealed class MigrationChecksumMismatchException(IReadOnlyList<string> migrations)
    : Exception($"Applied migration file(s) were edited after being applied: {string.Join(", ", migrations)}. " +
                "Never edit an applied migration; add a new numbered file instead (or restore the original text).")
{
    public IReadOnlyList<string> Migrations { get; } = migrations;
}
