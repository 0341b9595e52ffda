using Microsoft.Extensions.Logging;
using Npgsql;

namespace Goals.Data.Migrations;

/// <summary>
/// Cluster-wide migration lock that works on PostgreSQL and CockroachDB (which has no advisory
/// locks): a dedicated connection keeps a transaction open holding <c>SELECT ... FOR UPDATE</c> on
/// the single row of <c>schema_migrations_lock</c> while migrations run on another connection.
/// A second runner blocks on that row until the first commits. If the holder dies, its connection
/// closes and the server releases the lock: no lease expiry to tune.
/// </summary>
internal sealed class MigrationLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;

    private MigrationLock(NpgsqlConnection connection) => _connection = connection;

    public static async Task<MigrationLock> AcquireAsync(NpgsqlDataSource dataSource, ILogger logger, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await ExecuteAsync(connection, "BEGIN ISOLATION LEVEL SERIALIZABLE", ct);
                    await ExecuteAsync(connection, "SELECT id FROM schema_migrations_lock WHERE id = 1 FOR UPDATE", ct);
                    logger.LogInformation("Migration lock acquired");
                    return new MigrationLock(connection);
                }
                catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected && attempt < 50)
                {
                    // CockroachDB may push the waiter's timestamp once the holder commits: just try again.
                    await ExecuteAsync(connection, "ROLLBACK", CancellationToken.None);
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 20 * attempt)), ct);
                }
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ExecuteAsync(_connection, "COMMIT", CancellationToken.None);
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
