using System.Runtime.CompilerServices;
using Goals.Data.Transactions;
using Goals.Lambda.Runtime;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Goals.Api.Observability;

/// <summary>
/// OpenTelemetry, configured only by the standard <c>OTEL_*</c> variables. Off unless an OTLP endpoint is set
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, or the <c>_TRACES_</c>/<c>_METRICS_</c> one): then traces and/or metrics go to it
/// (protocol, headers, timeouts, <c>OTEL_SERVICE_NAME</c>, <c>OTEL_RESOURCE_ATTRIBUTES</c> read by the SDK itself).
/// <c>OTEL_TRACES_EXPORTER=none</c> / <c>OTEL_METRICS_EXPORTER=none</c> turn one signal off, <c>OTEL_SDK_DISABLED=true</c> both.
/// When off, no OpenTelemetry type is touched, so nothing of it loads at cold start.
/// Spans: the Lambda invocation (child of the X-Ray trace), ASP.NET Core's request, "graphql.execute", one per SQL round
/// trip (Npgsql). Metrics: ASP.NET Core's request count/latency/status (errors), Npgsql's pool use, goals.db.transaction.retries.
/// </summary>
public static class OpenTelemetrySetup
{
    public const string AspNetCoreSource = "Microsoft.AspNetCore";
    public static readonly string[] Meters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Npgsql", TransactionMetrics.MeterName];

    public static (bool Traces, bool Metrics) EnabledSignals(IConfiguration configuration)
    {
        if (string.Equals(configuration["OTEL_SDK_DISABLED"], "true", StringComparison.OrdinalIgnoreCase)) return (false, false);
        var anyEndpoint = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        return (
            Enabled(configuration, "OTEL_TRACES_EXPORTER", anyEndpoint || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"])),
            Enabled(configuration, "OTEL_METRICS_EXPORTER", anyEndpoint || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"])));
    }

    public static void AddGoalsOpenTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var (traces, metrics) = EnabledSignals(configuration);
        if (traces || metrics)
        {
            Register(services, configuration["OTEL_SERVICE_NAME"], traces, metrics);
        }
    }

    private static bool Enabled(IConfiguration configuration, string exporterVariable, bool hasEndpoint)
    {
        var exporters = (configuration[exporterVariable] ?? "otlp").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return hasEndpoint && exporters.Contains("otlp", StringComparer.OrdinalIgnoreCase);
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // keeps the OpenTelemetry assemblies unloaded when it is off
    private static void Register(IServiceCollection services, string? serviceName, bool traces, bool metrics)
    {
        var builder = services.AddOpenTelemetry().ConfigureResource(r => r.AddService(string.IsNullOrWhiteSpace(serviceName) ? "goals-api" : serviceName));
        if (traces)
        {
            builder.WithTracing(t => t
                .AddSource(LambdaTelemetry.SourceName, AspNetCoreSource, Telemetry.SourceName)
                .AddNpgsql()
                .AddOtlpExporter());
        }

        if (metrics)
        {
            builder.WithMetrics(m => m.AddMeter(Meters).AddOtlpExporter());
        }

        services.AddSingleton<ILambdaTelemetryFlush, OpenTelemetryFlush>();
    }

    /// <summary>Exports after each Lambda invocation, before the process may be frozen.</summary>
    private sealed class OpenTelemetryFlush(IServiceProvider services) : ILambdaTelemetryFlush
    {
        public void Flush(TimeSpan timeout)
        {
            var milliseconds = (int)timeout.TotalMilliseconds;
            services.GetService<TracerProvider>()?.ForceFlush(milliseconds);
            services.GetService<MeterProvider>()?.ForceFlush(milliseconds);
        }
    }
}
