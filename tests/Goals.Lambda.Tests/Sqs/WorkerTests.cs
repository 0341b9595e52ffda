using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Goals.Lambda.Hosting;
using Goals.Lambda.Runtime;
using Goals.Lambda.Sqs;
using Goals.Lambda.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Goals.Lambda.Tests.Sqs;

[Collection(TimingSensitiveCollection.Name)]
public sealed class WorkerTests
{
    [Fact]
    public async Task Dotnet_fixture_record_that_throws_is_the_only_failure()
    {
        var (failures, seen) = await RunBatchAsync(Fixtures.Event("aws-lambda-dotnet/sqs-event.json"), failing: "MessageID");

        Assert.Equal(["MessageID"], failures);
        var record = Assert.Single(seen);
        Assert.Equal("Message Body", record.Body);
        Assert.Equal("arn:aws:sqs:us-west-2:123456789012:SQSQueue", record.EventSourceArn);
        Assert.Equal("2", record.Attributes["ApproximateReceiveCount"]);
        Assert.Null(record.MessageAttributes["Attribute2"].BinaryValue);
        Assert.Equal(["a1", "a2"], record.MessageAttributes["Attribute1"].StringListValues!);
    }

    [Fact]
    public async Task Powertools_fixture_second_record_fails_alone()
    {
        var (failures, seen) = await RunBatchAsync(Fixtures.Event("powertools-python/sqsEvent.json"), failing: "2e1424d4-f796-459a-8184-9c92662be6da");

        Assert.Equal(["2e1424d4-f796-459a-8184-9c92662be6da"], failures);
        Assert.Equal(2, seen.Count);
        Assert.Equal("{\"message\": \"foo1\"}", seen[1].Body);
    }

    [Fact]
    public async Task Generated_batch_reports_exactly_the_failed_message()
    {
        var (failures, seen) = await RunBatchAsync(Batch("m-1", "m-2", "m-3"), failing: "m-2");

        Assert.Equal(["m-2"], failures);
        Assert.Equal(["m-1", "m-2", "m-3"], seen.Select(r => r.MessageId));
    }

    [Fact]
    public async Task All_successful_batch_reports_an_empty_failure_list()
    {
        var (failures, _) = await RunBatchAsync(Batch("m-1", "m-2"), failing: null);

        Assert.Empty(failures);
    }

    [Fact]
    public async Task Records_left_when_the_deadline_token_fires_are_failures()
    {
        var (failures, seen) = await RunBatchAsync(Batch("m-1", "m-2", "m-3"), failing: null, slow: "m-2", timeout: TestRuntimeOptions.DeadlineBudget);

        Assert.Equal(["m-2", "m-3"], failures);
        Assert.Equal(["m-1", "m-2"], seen.Select(r => r.MessageId));
    }

    [Fact]
    public async Task Fifo_queue_fails_every_record_after_the_first_failure()
    {
        var (failures, seen) = await RunBatchAsync(Batch("f-1", "f-2", "f-3", arn: "arn:aws:sqs:us-east-1:123456789012:jobs.fifo"), failing: "f-2");

        Assert.Equal(["f-2", "f-3"], failures);
        Assert.Equal(2, seen.Count);
    }

    private static byte[] Batch(params string[] ids) => Batch(ids, "arn:aws:sqs:us-east-1:123456789012:goals-jobs");

    private static byte[] Batch(string id1, string id2, string id3, string arn) => Batch([id1, id2, id3], arn);

    private static byte[] Batch(string[] ids, string arn) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["Records"] = new JsonArray(ids.Select(id => (JsonNode?)new JsonObject
        {
            ["messageId"] = id,
            ["receiptHandle"] = "handle-" + id,
            ["body"] = "{\"job\":\"" + id + "\"}",
            ["attributes"] = new JsonObject { ["ApproximateReceiveCount"] = "1" },
            ["messageAttributes"] = new JsonObject(),
            ["md5OfBody"] = "0",
            ["eventSource"] = "aws:sqs",
            ["eventSourceARN"] = arn,
            ["awsRegion"] = "us-east-1",
        }).ToArray()),
    }.ToJsonString());

    private static async Task<(IReadOnlyList<string> Failures, IReadOnlyList<SqsRecord> Seen)> RunBatchAsync(
        byte[] evt, string? failing, string? slow = null, TimeSpan? timeout = null)
    {
        var recorder = new RecordingHandler(failing, slow);
        var builder = new HostApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(TestRuntimeOptions.Create());
        builder.Services.AddSingleton(recorder);
        builder.Services.AddScoped<ISqsRecordHandler>(sp => sp.GetRequiredService<RecordingHandler>());
        using var host = builder.Build();
        await using var emulator = await RuntimeApiEmulator.StartAsync();
        using var client = new LambdaRuntimeClient(emulator.Address);
        using var stop = new CancellationTokenSource();
        var run = LambdaEntryPoint.RunAsync(host, LambdaHandlerNames.Worker, client, stop.Token);

        var result = await emulator.InvokeAsync(evt, timeout);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(result.IsError, Encoding.UTF8.GetString(result.Body));
        Assert.True(result.AnsweredAt < result.Deadline);
        using var response = JsonDocument.Parse(result.Body);
        var failures = response.RootElement.GetProperty("batchItemFailures").EnumerateArray()
            .Select(f => f.GetProperty("itemIdentifier").GetString()!).ToArray();
        return (failures, recorder.Seen.ToArray());
    }

    private sealed class RecordingHandler(string? failing, string? slow) : ISqsRecordHandler
    {
        public ConcurrentQueue<SqsRecord> Seen { get; } = new();

        public async Task HandleAsync(SqsRecord record, CancellationToken cancellationToken)
        {
            Seen.Enqueue(record);
            if (record.MessageId == slow)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
            }

            if (record.MessageId == failing)
            {
                throw new InvalidOperationException("job failed");
            }
        }
    }
}
