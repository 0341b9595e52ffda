using Goals.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Goals.Api.Hosting;

/// <summary>The database answers `SELECT 1` through the app's own data source; its engine goes into the result's data.</summary>
public sealed class DatabaseHealthCheck(GoalsDataSource dataSource, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    public const string EngineKey = "engine";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using (var command = dataSource.DataSource.CreateCommand("SELECT 1"))
            {
                await command.ExecuteScalarAsync(cancellationToken);
            }

            var engine = await dataSource.GetEngineAsync(cancellationToken);
            return HealthCheckResult.Healthy(data: new Dictionary<string, object> { [EngineKey] = engine.ToString() });
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Health check: database unreachable: {Message}", ex.Message);
            return new HealthCheckResult(context.Registration.FailureStatus, "database unreachable");
        }
    }
}
