using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Goals.Data.Migrations;
using Npgsql;

namespace Goals.Api.Tests.Lambda;

/// <summary>
/// What a first real deployment hits when something goes wrong, through the built app in Lambda mode: a configuration
/// the app cannot be built with, the function's memory size, and CloudFormation running the migration twice.
/// </summary>
[Collection(LambdaAppCollection.Name)]
public sealed class LambdaFailurePathTests(LambdaApp app)
{
    [Fact]
    public async Task Configuration_that_breaks_building_the_app_is_posted_to_init_error_and_the_process_exits_non_zero()
    {
        await using var lambda = await LambdaProcess.StartAsync("api", app.ConnectionString,
            new Dictionary<string, string?> { ["GraphQL__MaxDepth"] = "deep" });

        var initError = await lambda.Emulator.InitError.WaitAsync(TimeSpan.FromSeconds(60));
        var exitCode = await lambda.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, exitCode);
        using var error = JsonDocument.Parse(initError.Body);
        Assert.Contains("MaxDepth", error.RootElement.GetProperty("errorMessage").GetString() + error.RootElement.GetProperty("stackTrace"),
            StringComparison.Ordinal);
        var line = lambda.Output.Split('\n').Single(l => l.Contains("Building the app failed", StringComparison.Ordinal));
        using var logLine = JsonDocument.Parse(line);
        Assert.Equal("FATAL", logLine.RootElement.GetProperty("level").GetString());
    }

    [Fact]
    public async Task Function_memory_size_becomes_the_GC_heap_hard_limit()
    {
        await using var lambda = await LambdaProcess.StartAsync("api", app.ConnectionString,
            new Dictionary<string, string?> { ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "384" });

        await lambda.InvokeAsync(LambdaEvents.GeneratedV2(LambdaEvents.GraphQLBody("{ __typename }"), token: null));

        var line = lambda.Output.Split('\n').Single(l => l.Contains("GC heap hard limit", StringComparison.Ordinal));
        using var logLine = JsonDocument.Parse(line);
        var state = logLine.RootElement;
        Assert.Equal(384L * 1024 * 1024, state.GetProperty("HeapLimitBytes").GetInt64());
        Assert.Equal(384L * 1024 * 1024, state.GetProperty("TotalAvailableMemoryBytes").GetInt64());
    }

    [Fact]
    public async Task CloudFormation_retry_running_beside_the_first_migration_is_serialised_and_both_report_SUCCESS()
    {
        var connectionString = await CreateEmptyDatabaseAsync("goals_migrate_retry");
        await using var first = await LambdaProcess.StartAsync("migrate", connectionString);
        await using var retry = await LambdaProcess.StartAsync("migrate", connectionString);

        // The same CloudFormation request delivered twice (Lambda's async retry), both in flight at once.
        var results = await Task.WhenAll(
            first.InvokeAsync(CustomResourceEvent(first), TimeSpan.FromSeconds(60)),
            retry.InvokeAsync(CustomResourceEvent(retry), TimeSpan.FromSeconds(60)));

        Assert.All(results, r => Assert.False(r.IsError, Encoding.UTF8.GetString(r.Body)));
        foreach (var lambda in new[] { first, retry })
        {
            using var put = JsonDocument.Parse(Assert.Single(lambda.Emulator.Puts).Body);
            Assert.Equal("SUCCESS", put.RootElement.GetProperty("Status").GetString());
            Assert.Equal("stack-request-7", put.RootElement.GetProperty("RequestId").GetString());
        }

        var expected = MigrationSource.Embedded().Count;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*), count(DISTINCT version) FROM schema_migrations", connection);
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(expected, reader.GetInt64(0));
        Assert.Equal(expected, reader.GetInt64(1));
        Assert.Contains("Migration lock acquired", first.Output + retry.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_log_line_is_Lambda_JSON_and_a_failed_record_names_the_invocation_it_belongs_to()
    {
        var result = await app.Worker.InvokeAsync(LambdaEvents.SqsBatch(("m-log-line", "not json")));

        var lines = app.Worker.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToArray();
        Assert.All(lines, l =>
        {
            Assert.Contains(l.GetProperty("level").GetString(), new[] { "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL" });
            Assert.True(DateTimeOffset.TryParse(l.GetProperty("timestamp").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
        });
        var failure = Assert.Single(lines, l => l.GetProperty("message").GetString() == "SQS message m-log-line failed");
        Assert.Equal("ERROR", failure.GetProperty("level").GetString());
        Assert.Equal(result.RequestId, failure.GetProperty("requestId").GetString());
        Assert.Equal(32, failure.GetProperty("traceId").GetString()!.Length); // no X-Ray header here: the invocation Activity's W3C id
    }

    [Fact]
    public async Task With_an_OTLP_endpoint_the_invocation_is_exported_as_spans_of_its_X_Ray_trace_and_metrics_follow()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        await using var lambda = await LambdaProcess.StartAsync("api", app.ConnectionString, new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "goals-api-e2e",
        });
        var token = LambdaApp.Token(Guid.NewGuid());

        var result = await lambda.InvokeAsync(LambdaEvents.GeneratedV2(LambdaEvents.GraphQLBody("{ goals { id } }"), token),
            traceId: "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");

        Assert.False(result.IsError);
        var traces = await collector.WaitForAsync("traces", "graphql.execute"u8.ToArray());
        Assert.True(Contains(traces, Convert.FromHexString("5759e988bd862e3fe1be46a994272793")), "the spans carry the X-Ray trace id");
        Assert.True(Contains(traces, Convert.FromHexString("53995c3f42cd8ad8")), "the invocation span's parent is the X-Ray segment");
        foreach (var name in new[] { "Goals.Lambda.Invocation", "goals-api-e2e", "Npgsql" })
        {
            Assert.True(Contains(traces, Encoding.UTF8.GetBytes(name)), name);
        }

        await collector.WaitForAsync("metrics", "http.server.request.duration"u8.ToArray());
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private async Task<string> CreateEmptyDatabaseAsync(string name)
    {
        await using (var admin = new NpgsqlConnection(app.ConnectionString))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name}", admin);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(app.ConnectionString) { Database = name }.ConnectionString;
    }

    private static byte[] CustomResourceEvent(LambdaProcess lambda) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["RequestType"] = "Create",
        ["ResponseURL"] = $"http://{lambda.Emulator.Address}/put/cfn-response?X-Amz-Signature=abc",
        ["StackId"] = "arn:aws:cloudformation:us-east-1:123456789012:stack/goals/1",
        ["RequestId"] = "stack-request-7",
        ["ResourceType"] = "Custom::Migrations",
        ["LogicalResourceId"] = "Migrations",
        ["ResourceProperties"] = new JsonObject { ["ServiceToken"] = "arn", ["ReleaseVersion"] = "abc123" },
    }.ToJsonString());
}
