using System.Diagnostics;
using Goals.Api.Observability;
using Goals.Api.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Goals.Api.Tests;

/// <summary>OpenTelemetry as the app wires it from the OTEL_* variables, observed through an in-memory exporter added beside OTLP.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenTelemetryTests(DatabaseFixture database)
{
    // Nothing listens on the discard port: the OTLP export fails quietly, the in-memory exporter sees everything.
    private static readonly Dictionary<string, string?> OtlpConfigured = new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9" };

    [Fact]
    public async Task Request_graphql_execution_and_each_sql_round_trip_are_exported_as_one_trace()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        await using var api = await TestApi.StartAsync(database, OtlpConfigured, services => services
            .ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans))
            .ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics)));
        var token = api.Token(Guid.NewGuid());
        var operation = "Exported" + Guid.NewGuid().ToString("N");

        (await api.PostAsync($"query {operation} {{ goals {{ id tasks {{ id }} notes {{ id }} }} }}", token: token)).RequireData();
        var services = api.Services;
        services.GetRequiredService<TracerProvider>().ForceFlush();
        services.GetRequiredService<MeterProvider>().ForceFlush();

        Activity[] snapshot;
        lock (spans) snapshot = [.. spans];
        var execute = Assert.Single(snapshot, a => a.OperationName == "graphql.execute" && (a.GetTagItem("graphql.operation.name") as string) == operation);
        var request = Assert.Single(snapshot, a => a.Source.Name == OpenTelemetrySetup.AspNetCoreSource && a.SpanId == execute.ParentSpanId);
        Assert.Equal(request.TraceId, execute.TraceId);
        var sql = snapshot.Where(a => a.Source.Name == "Npgsql" && a.ParentSpanId == execute.SpanId).ToList();
        Assert.Equal(2, sql.Count); // goals; then tasks + notes as one batch
        Assert.All(sql, s => Assert.Equal(execute.TraceId, s.TraceId));

        string[] names;
        lock (metrics) names = metrics.Select(m => m.Name).Distinct().ToArray();
        Assert.Contains("http.server.request.duration", names); // requests, latency, and errors by status code
        Assert.Contains(names, n => n.StartsWith("db.client.connection", StringComparison.Ordinal)); // Npgsql pool use
    }

    [Theory]
    [InlineData(null, null, null, false, false)]
    [InlineData("http://collector:4318", null, null, true, true)]
    [InlineData("http://collector:4318", "none", null, false, true)]
    [InlineData("http://collector:4318", null, "none", true, false)]
    [InlineData("http://collector:4318", "otlp,console", null, true, true)]
    public void Signals_follow_the_standard_variables(string? endpoint, string? traces, string? metrics, bool tracesOn, bool metricsOn)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
            ["OTEL_TRACES_EXPORTER"] = traces,
            ["OTEL_METRICS_EXPORTER"] = metrics,
        }).Build();

        Assert.Equal((tracesOn, metricsOn), OpenTelemetrySetup.EnabledSignals(configuration));
    }

    [Fact]
    public void Sdk_disabled_or_only_a_traces_endpoint_is_honoured()
    {
        var disabled = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4318",
            ["OTEL_SDK_DISABLED"] = "true",
        }).Build();
        var tracesOnly = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = "http://collector:4318/v1/traces",
        }).Build();

        Assert.Equal((false, false), OpenTelemetrySetup.EnabledSignals(disabled));
        Assert.Equal((true, false), OpenTelemetrySetup.EnabledSignals(tracesOnly));
    }

    [Fact]
    public async Task Without_OTEL_variables_no_provider_is_registered()
    {
        await using var api = await TestApi.StartAsync(database);

        Assert.Null(api.Services.GetService<TracerProvider>());
        Assert.Null(api.Services.GetService<MeterProvider>());
    }
}
