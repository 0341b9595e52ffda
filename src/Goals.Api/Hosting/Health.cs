using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Goals.Api.Hosting;

/// <summary>
/// GET /health on the platform's health checks: {"status":"ok|degraded","database":"reachable|unreachable",
/// "engine":"PostgreSQL|CockroachDB|null"}; 200 or 503; never cached.
/// </summary>
public static class Health
{
    public const string Path = "/health";
    private const string DatabaseCheck = "database";

    public static IServiceCollection AddGoalsHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>(DatabaseCheck, HealthStatus.Unhealthy, timeout: TimeSpan.FromSeconds(3));
        return services;
    }

    public static void MapGoalsHealthChecks(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks(Path, new HealthCheckOptions { ResponseWriter = WriteAsync, AllowCachingResponses = true })
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]));

    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        var database = report.Entries.TryGetValue(DatabaseCheck, out var entry) ? entry : default;
        var reachable = database.Status == HealthStatus.Healthy;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteString("status", report.Status == HealthStatus.Healthy ? "ok" : "degraded");
        writer.WriteString("database", reachable ? "reachable" : "unreachable");
        if (reachable && database.Data.TryGetValue(DatabaseHealthCheck.EngineKey, out var engine)) writer.WriteString("engine", (string)engine);
        else writer.WriteNull("engine");
        writer.WriteEndObject();
    }
}
