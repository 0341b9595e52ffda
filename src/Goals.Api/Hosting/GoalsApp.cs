using System.Text.Json;
using Goals.Api.Auth;
using Goals.Api.Configuration;
using Goals.Api.Data;
using Goals.Api.Http;
using Goals.Api.Ide;
using Goals.Api.Jobs;
using Goals.Api.Jobs.Files;
using Goals.Api.Observability;
using Goals.Data;
using Goals.GraphQL.Execution;
using Goals.Lambda.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Goals.Api.Hosting;

/// <summary>
/// The composition root shared by `serve` (Kestrel), Lambda (the lambda branch's IServer) and the tests (TestServer):
/// <see cref="CreateBuilder"/> → (caller picks the server) → <see cref="Build"/>. Nothing here starts or migrates a
/// database: that is the `serve` verb's local-only convenience.
/// </summary>
public static class GoalsApp
{
    public static WebApplicationBuilder CreateBuilder(string[] args, string? environment = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            EnvironmentName = environment,
            ContentRootPath = AppContext.BaseDirectory,
        });
        ConfigureLogging(builder);
        return builder;
    }

    /// <summary>
    /// JSON console logs when stdout is redirected (Lambda, containers, CI): one object per line with <c>timestamp</c>,
    /// <c>level</c> (Lambda's names, for its log-level filter), the invocation's <c>requestId</c>/<c>traceId</c>; the simple
    /// formatter on a terminal.
    /// </summary>
    private static void ConfigureLogging(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (Console.IsOutputRedirected)
        {
            builder.Logging.AddConsole(o => o.FormatterName = LambdaJsonConsoleFormatter.FormatterName)
                .AddConsoleFormatter<LambdaJsonConsoleFormatter, ConsoleFormatterOptions>();
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
                o.ColorBehavior = LoggerColorBehavior.Enabled;
            });
        }
    }

    /// <summary>Registers everything; the data source comes from `ConnectionStrings:Goals` (set by serve for the embedded DB).</summary>
    public static void ConfigureServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddGoalsOptions(); // every section bound and validated at start-up (Configuration/GoalsOptionsRegistration.cs)

        services.AddGoalsData(); // one data source + TransactionRunner per process, repositories
        services.AddSingleton<GoalsStoreFactory>(); // the GraphQL handler opens (and ends) each request's store itself
        services.AddGoalsJobs(configuration); // job queue, workers' code, job files (see Jobs/JobServices.cs)

        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<GraphQLOptions>();
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Goals.Api.GraphQL");
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var schema = Schema.GoalsSchema.Build(); // SDL parse + resolver binding: part of every cold start (resolved in Build)
            logger.LogInformation("GraphQL schema built in {ElapsedMs} ms", System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return new GraphQLExecutor(schema, new ExecutorOptions
            {
                EnableIntrospection = settings.Introspection,
                MaxDepth = settings.MaxDepth,
                MaxComplexity = settings.MaxComplexity,
                MapException = Schema.DataErrors.Map,
                MaxResultBytes = settings.MaxResultBytes,
                ResultTooLargeHint = "Page through goals with goalsConnection(first:, after:) instead of listing them all.",
                DocumentCacheBytes = settings.DocumentCacheBytes,
                OnUnexpectedError = (error, exception) =>
                    logger.LogError(exception, "Resolver failed at {Path}: {Message}", string.Join('.', error.Path ?? []), exception.Message),
            });
        });
        services.AddSingleton<PersistedQueries>(); // the trusted-documents manifest is read (or start-up fails) when the handler is built
        services.AddSingleton<GraphQLHttpHandler>();
        services.AddSingleton<IdeAssets>();

        services.AddGoalsAuthentication();
        services.AddGoalsOpenTelemetry(configuration); // only when OTEL_EXPORTER_OTLP_*ENDPOINT is set

        services.AddCors(); // the policy of Cors:Origins; the middleware runs only when there are origins (Build)
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>().Configure<IOptions<CorsOriginsOptions>>((cors, origins) =>
            cors.AddDefaultPolicy(p => p
                .WithOrigins(origins.Value.NonBlankOrigins)
                .WithMethods("GET", "POST")
                .WithHeaders("authorization", "content-type", "accept")
                .SetPreflightMaxAge(TimeSpan.FromHours(1))));
    }

    /// <summary>
    /// Builds the app and its pipeline: errors → CORS → authentication → endpoints. The options are validated first:
    /// an invalid configuration throws here, every failure at once (OptionsValidationException or AggregateException).
    /// </summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        app.Services.GetRequiredService<IStartupValidator>().Validate();
        var corsEnabled = app.Services.GetRequiredService<IOptions<CorsOriginsOptions>>().Value.NonBlankOrigins.Length > 0;

        app.Use(GraphQLShapedErrors);
        if (corsEnabled) app.UseCors();
        app.UseAuthentication();

        var handler = app.Services.GetRequiredService<GraphQLHttpHandler>();
        var ide = app.Services.GetRequiredService<IdeAssets>();
        var settings = app.Services.GetRequiredService<GraphQLOptions>();
        app.Map("/graphql", async context =>
        {
            if (settings.Ide && HttpMethods.IsGet(context.Request.Method) && !context.Request.Query.ContainsKey("query")
                && GraphQLHttpHandler.PrefersHtml(context.Request.Headers.Accept))
            {
                await ide.ServeIndexAsync(context);
                return;
            }

            await handler.HandleAsync(context);
        });
        if (settings.Ide)
        {
            app.MapGet("/graphql/{**path}", ide.ServeFileAsync);
            app.MapGet("/bcp-config.json", ide.ServeConfigAsync);
        }

        if (!JobServices.UsesS3(app.Services.GetRequiredService<JobsOptions>())) JobFileEndpoints.Map(app); // signed links of the local job files
        app.MapGet("/health", Health.HandleAsync);
        app.MapGet("/", () => Results.Redirect("/graphql"));
        return app;
    }

    /// <summary>
    /// Unhandled exceptions become a GraphQL-shaped 500 without internals; the details go to the log. The server's
    /// complaints about a request (BadHttpRequestException: framing, timing, size) are the client's fault: their own
    /// 4xx, a Debug line at most. A client that went away gets nothing.
    /// </summary>
    private static async Task GraphQLShapedErrors(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            ErrorLogger(context).LogDebug("The client went away during {Method} {Path}: {Message}", context.Request.Method, context.Request.Path, ex.Message);
        }
        catch (BadHttpRequestException ex)
        {
            ErrorLogger(context).LogDebug("Bad request {Method} {Path}: {Status} {Message}", context.Request.Method, context.Request.Path, ex.StatusCode, ex.Message);
            if (context.Response.HasStarted) return;
            context.Response.Clear();
            await GraphQLHttpHandler.WriteProblemAsync(context, ex.StatusCode, GraphQLHttpHandler.Json, $"Bad request: {ex.Message}");
        }
        catch (Exception ex)
        {
            ErrorLogger(context).LogError(ex, "Unhandled exception for {Method} {Path}", context.Request.Method, context.Request.Path);
            if (context.Response.HasStarted) throw;
            context.Response.Clear();
            await GraphQLHttpHandler.WriteProblemAsync(context, StatusCodes.Status500InternalServerError, GraphQLHttpHandler.Json,
                "Internal server error.", ErrorCodes.InternalServerError);
        }
    }

    private static ILogger ErrorLogger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Goals.Api.Errors");
}
