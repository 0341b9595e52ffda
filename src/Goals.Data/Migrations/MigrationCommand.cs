using Microsoft.Extensions.Logging;
using Npgsql;

namespace Goals.Data.Migrations;

/// <summary>The <c>migrate</c> verb: applies pending migrations and returns a process exit code. Never run at start-up.</summary>
public static class MigrationCommand
{
    public const int Success = 0;
    public const int Failure = 1;

    /// <summary>Applies the migrations embedded in Goals.Data.</summary>
    public static Task<int> RunAsync(string connectionString, ILogger logger, CancellationToken ct) =>
        RunAsync(connectionString, migrationsDirectory: null, logger, ct);

    /// <summary>Applies the migrations in <paramref name="migrationsDirectory"/> (e.g. schema/migrations), or the embedded ones when null.</summary>
    public static Task<int> RunAsync(string connectionString, string? migrationsDirectory, ILogger logger, CancellationToken ct) =>
        RunAsync(connectionString, () => migrationsDirectory is null ? MigrationSource.Embedded() : MigrationSource.FromDirectory(migrationsDirectory), logger, ct);

    /// <summary>Applies the given migrations (e.g. the normal sequence plus the multi-region ones).</summary>
    public static Task<int> RunAsync(string connectionString, IReadOnlyList<Migration> migrations, ILogger logger, CancellationToken ct) =>
        RunAsync(connectionString, () => migrations, logger, ct);

    private static async Task<int> RunAsync(string connectionString, Func<IReadOnlyList<Migration>> source, ILogger logger, CancellationToken ct)
    {
        try
        {
            var migrations = source();
            // The runner holds two connections at once (lock + migration): lift a Lambda-sized pool limit.
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            builder.MaxPoolSize = Math.Max(builder.MaxPoolSize, 3);
            await using var dataSource = GoalsDataSourceFactory.NewBuilder(builder.ConnectionString).Build();
            var applied = await new MigrationRunner(dataSource, logger).ApplyAsync(migrations, ct);
            logger.LogInformation("Migrations done: {AppliedCount} applied now, {TotalCount} known", applied.Count, migrations.Count);
            return Success;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            logger.LogError("Migrations cancelled");
            return Failure;
        }
        catch (Exception e) when (e is MigrationChecksumMismatchException or InvalidOperationException or NpgsqlException or IOException)
        {
            logger.LogError(e, "Migrations failed: {Message}", e.Message);
            return Failure;
        }
    }
}
