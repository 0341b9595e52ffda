using Goals.Api.Auth;
using Goals.Api.Configuration;
using Goals.Api.Http;

using Goals.Api.Jobs;
using Goals.Api.Jobs.Files;
using Goals.Api.Observability;
using Goals.Api.UseCases;
using Goals.Data;
using Goals.GraphQL.Execution;
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
        ConsoleLogging.Configure(builder.Logging);
        return builder;
    }

    /// <summary>Registers everything; the data source comes from `ConnectionStrings:Goals` (set by serve for the embedded DB).</summary>
    public static void ConfigureServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddGoalsOptions(); // every section bound and validated at start-up (Configuration/GoalsOptionsRegistration.cs)

        services.AddGoalsData(); // one data source + TransactionRunner per process, repositories
        services.AddGoalsUseCases(); // one service per use case; the GraphQL handler opens (and ends) each request itself
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
        services.AddSingleton<GraphQLExecutionStep>();
        services.AddSingleton<GraphQLRequestTelemetry>();
        services.AddSingleton<GraphQLHttpHandler>();
        services.AddGoalsHealthChecks(); // GET /health: the database check (Health.cs)

        services.AddGoalsAuthentication();
        services.AddGoalsOpenTelemetry(configuration); // only when OTEL_EXPORTER_OTLP_*ENDPOINT is set

        services.AddCors(); // the policy of Cors:Origins; the middleware runs only when there are origins (Build)
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>().Configure<IOptions<CorsOriginsOptions>>((cors, origins) =>
            cors.AddDefaultPolicy(p => p
                .WithOrigins([.. origins.Value.NonBlankOrigins])
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
        var corsEnabled = app.Services.GetRequiredService<IOptions<CorsOriginsOptions>>().Value.NonBlankOrigins.Count > 0;

        app.Use(GraphQLShapedErrors.InvokeAsync);
        if (corsEnabled) app.UseCors();
        app.UseAuthentication();

        var handler = app.Services.GetRequiredService<GraphQLHttpHandler>();
        var settings = app.Services.GetRequiredService<GraphQLOptions>();
        var ide = settings.Ide ? app.Services.GetService<IGraphQLIde>() : null; // only the local run registers one
        app.Map("/graphql", async context =>
        {
            if (ide is not null && HttpMethods.IsGet(context.Request.Method) && !context.Request.Query.ContainsKey("query")
                && GraphQLContentNegotiation.PrefersHtml(context.Request.Headers.Accept))
            {
                await ide.ServeIndexAsync(context);
                return;
            }

            await handler.HandleAsync(context);
        });
        ide?.MapAssets(app);

        if (!JobServices.UsesS3(app.Services.GetRequiredService<JobsOptions>())) JobFileEndpoints.Map(app); // signed links of the local job files
        app.MapGoalsHealthChecks();
        app.MapGet("/", () => Results.Redirect("/graphql"));
        return app;
    }
}
