using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Goals.Lambda.Hosting;
using Goals.Lambda.Migrations;
using Goals.Lambda.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Goals.Lambda.Tests.Migrations;

public sealed class MigrationHandlerTests
{
    [Theory]
    [InlineData("Create", true, "SUCCESS")]
    [InlineData("Update", true, "SUCCESS")]
    [InlineData("Delete", false, "SUCCESS")]
    public async Task Custom_resource_request_migrates_and_reports_to_the_response_url(string requestType, bool migrates, string status)
    {
        var (migrator, put) = await RunCustomResourceAsync(requestType, fail: false);

        Assert.Equal(migrates ? 1 : 0, migrator.Runs);
        Assert.Equal(status, put.GetProperty("Status").GetString());
        Assert.Equal("stack-request-1", put.GetProperty("RequestId").GetString());
        Assert.Equal("Migrations", put.GetProperty("LogicalResourceId").GetString());
        Assert.Equal(MigrationHandler.PhysicalResourceId, put.GetProperty("PhysicalResourceId").GetString());
    }

    [Fact]
    public async Task Failed_migration_reports_FAILED_so_the_stack_rolls_back()
    {
        var (_, put) = await RunCustomResourceAsync("Create", fail: true);

        Assert.Equal("FAILED", put.GetProperty("Status").GetString());
        Assert.Contains("column exists", put.GetProperty("Reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migration_still_running_near_the_deadline_is_cancelled_and_reported_FAILED_before_it()
    {
        var migrator = new BlockingMigrator();
        var options = new MigrationHandlerOptions { ResponseReserve = TimeSpan.FromSeconds(2), PutTimeout = TimeSpan.FromSeconds(1) };

        var (result, put) = await RunCustomResourceAsync(migrator, "Create", options, timeout: TimeSpan.FromSeconds(5));

        Assert.True(migrator.WasCancelled);
        Assert.Equal("FAILED", put.GetProperty("Status").GetString());
        Assert.Contains("did not finish before the function's deadline", put.GetProperty("Reason").GetString(), StringComparison.Ordinal);
        Assert.False(result.IsError);
        Assert.True(result.AnsweredAt < result.Deadline);
    }

    [Fact]
    public async Task Huge_failure_message_is_cut_so_the_response_stays_under_the_4KB_limit()
    {
        var message = string.Concat(Enumerable.Repeat("relation \"goals\" — ✓ déjà vu ", 600)); // quotes and non-ASCII grow when escaped
        var (_, put) = await RunCustomResourceAsync(new CountingMigrator(fail: true, message), "Update", new MigrationHandlerOptions());

        var reason = put.GetProperty("Reason").GetString()!;
        Assert.True(Encoding.UTF8.GetByteCount(put.GetRawText()) <= 4096, $"{Encoding.UTF8.GetByteCount(put.GetRawText())} bytes");
        Assert.StartsWith("Migration failed (log stream request req-", reason, StringComparison.Ordinal);
        Assert.EndsWith("(truncated; see the log)", reason, StringComparison.Ordinal);
        Assert.Equal("FAILED", put.GetProperty("Status").GetString());
    }

    private static async Task<(CountingMigrator Migrator, JsonElement Put)> RunCustomResourceAsync(string requestType, bool fail)
    {
        var migrator = new CountingMigrator(fail);
        var (_, put) = await RunCustomResourceAsync(migrator, requestType, new MigrationHandlerOptions());
        return (migrator, put);
    }

    private static async Task<(InvocationResult Result, JsonElement Put)> RunCustomResourceAsync(
        IDatabaseMigrator migrator, string requestType, MigrationHandlerOptions options, TimeSpan? timeout = null)
    {
        var builder = new HostApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(migrator);
        builder.Services.AddSingleton(options);
        using var host = builder.Build();
        await using var emulator = await RuntimeApiEmulator.StartAsync();
        using var client = new LambdaRuntimeClient(emulator.Address);
        using var stop = new CancellationTokenSource();
        var run = LambdaEntryPoint.RunAsync(host, LambdaHandlerNames.Migrate, client, stop.Token);
        var evt = new JsonObject
        {
            ["RequestType"] = requestType,
            ["ResponseURL"] = $"http://{emulator.Address}/put/cfn-response?X-Amz-Signature=abc",
            ["StackId"] = "arn:aws:cloudformation:us-east-1:123456789012:stack/goals/1",
            ["RequestId"] = "stack-request-1",
            ["ResourceType"] = "Custom::Migrations",
            ["LogicalResourceId"] = "Migrations",
            ["ResourceProperties"] = new JsonObject { ["ServiceToken"] = "arn", ["Version"] = "abc123" },
        };

        var result = await emulator.InvokeAsync(Encoding.UTF8.GetBytes(evt.ToJsonString()), timeout);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(result.IsError, Encoding.UTF8.GetString(result.Body));
        var put = Assert.Single(emulator.Puts);
        Assert.Null(put.ContentType);
        return (result, JsonDocument.Parse(put.Body).RootElement.Clone());
    }

    private sealed class BlockingMigrator : IDatabaseMigrator
    {
        public bool WasCancelled { get; private set; }

        public async Task MigrateAsync(CancellationToken cancellationToken)
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                WasCancelled = true;
                throw;
            }
        }
    }

    private sealed class CountingMigrator(bool fail, string message = "column exists") : IDatabaseMigrator
    {
        public int Runs { get; private set; }

        public Task MigrateAsync(CancellationToken cancellationToken)
        {
            Runs++;
            return fail ? throw new InvalidOperationException(message) : Task.CompletedTask;
        }
    }
}
