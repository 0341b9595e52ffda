using System.Text.Json;
using Goals.Data;

namespace Goals.Api.Hosting;

/// <summary>GET /health: {"status":"ok|degraded","database":"reachable|unreachable","engine":"PostgreSQL|CockroachDB|null"}; 200 or 503.</summary>
public static class Health
{
    public static async Task HandleAsync(HttpContext context, GoalsDataSource dataSource)
    {
        string? engine = null;
        var reachable = false;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await using (var command = dataSource.DataSource.CreateCommand("SELECT 1"))
            {
                await command.ExecuteScalarAsync(timeout.Token);
            }

            engine = (await dataSource.GetEngineAsync(timeout.Token)).ToString();
            reachable = true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Goals.Api.Health")
                .LogWarning("Health check: database unreachable: {Message}", ex.Message);
        }

        context.Response.StatusCode = reachable ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteString("status", reachable ? "ok" : "degraded");
        writer.WriteString("database", reachable ? "reachable" : "unreachable");
        if (engine is null) writer.WriteNull("engine");
        else writer.WriteString("engine", engine);
        writer.WriteEndObject();
    }
}
