using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Goals.Api.Tests.Jobs;

/// <summary>
/// A small SQS on loopback speaking the AWS JSON 1.0 protocol the real AWSSDK.SQS client uses (<c>X-Amz-Target:
/// AmazonSQS.&lt;Action&gt;</c>): SendMessage, ReceiveMessage, DeleteMessage, ChangeMessageVisibility,
/// GetQueueAttributes, with visibility timeouts, ApproximateReceiveCount and a redrive to the dead-letter queue after
/// <see cref="MaxReceiveCount"/> receives. Two queues: <c>jobs</c> and <c>jobs-dlq</c>. It can be stopped and
/// started again on the same port (to play "SQS unreachable").
/// </summary>
public sealed class LoopbackSqs : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Queue> _queues = new();
    private const string QueueUrlMember = "QueueUrl";
    private WebApplication? _app;

    public LoopbackSqs(int maxReceiveCount = 3, int port = 0)
    {
        MaxReceiveCount = maxReceiveCount;
        Port = port == 0 ? FreePort() : port;
        _queues["jobs"] = new Queue();
        _queues["jobs-dlq"] = new Queue();
    }

    public int MaxReceiveCount { get; }
    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public string QueueUrl => $"{BaseUrl}/000000000000/jobs";
    public string DeadLetterQueueUrl => $"{BaseUrl}/000000000000/jobs-dlq";

    /// <summary>The bodies of the messages now in a queue (visible or not).</summary>
    public IReadOnlyList<string> Bodies(string queue)
    {
        var q = _queues[queue];
        lock (q) return q.Messages.Select(m => m.Body).ToList();
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(BaseUrl);
        _app = builder.Build();
        _app.MapPost("/{**path}", HandleAsync);
        _app.MapPost("/", HandleAsync);
        await _app.StartAsync();
    }

    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject ?? [];
        var action = target.StartsWith("AmazonSQS.", StringComparison.Ordinal) ? target["AmazonSQS.".Length..] : "";
        var queueName = (body[QueueUrlMember]?.GetValue<string>() ?? "").Split('/').Last();
        if (!_queues.TryGetValue(queueName, out var queue))
        {
            await ErrorAsync(context, "com.amazonaws.sqs#QueueDoesNotExist", "The specified queue does not exist.");
            return;
        }

        JsonObject response;
        switch (action)
        {
            case "SendMessage":
                var message = new Message(Guid.NewGuid().ToString(), body["MessageBody"]!.GetValue<string>());
                lock (queue) queue.Messages.Add(message);
                response = new JsonObject { ["MessageId"] = message.Id, ["MD5OfMessageBody"] = Md5(message.Body) };
                break;
            case "ReceiveMessage":
                response = new JsonObject { ["Messages"] = Receive(queueName, queue, body) };
                break;
            case "DeleteMessage":
                lock (queue) queue.Messages.RemoveAll(m => m.ReceiptHandle == body["ReceiptHandle"]?.GetValue<string>());
                response = [];
                break;
            case "ChangeMessageVisibility":
                lock (queue)
                {
                    var m = queue.Messages.FirstOrDefault(x => x.ReceiptHandle == body["ReceiptHandle"]?.GetValue<string>());
                    if (m is not null) m.VisibleAt = DateTime.UtcNow.AddSeconds(body["VisibilityTimeout"]!.GetValue<int>());
                }

                response = [];
                break;
            case "GetQueueAttributes":
                lock (queue) response = new JsonObject { ["Attributes"] = new JsonObject { ["ApproximateNumberOfMessages"] = queue.Messages.Count.ToString() } };
                break;
            default:
                await ErrorAsync(context, "com.amazonaws.sqs#InvalidAction", $"Unknown action '{target}'.");
                return;
        }

        context.Response.ContentType = "application/x-amz-json-1.0";
        await context.Response.WriteAsync(response.ToJsonString());
    }

    /// <summary>Visible messages become invisible for the visibility timeout; one received MaxReceiveCount times moves to the DLQ instead.</summary>
    private JsonArray Receive(string queueName, Queue queue, JsonObject body)
    {
        var max = body["MaxNumberOfMessages"]?.GetValue<int>() ?? 1;
        var visibility = body["VisibilityTimeout"]?.GetValue<int>() ?? 30;
        var now = DateTime.UtcNow;
        var result = new JsonArray();
        lock (queue)
        {
            foreach (var m in queue.Messages.Where(m => m.VisibleAt <= now).ToList())
            {
                if (result.Count >= max) break;
                if (queueName == "jobs" && m.ReceiveCount >= MaxReceiveCount)
                {
                    queue.Messages.Remove(m);
                    var dlq = _queues["jobs-dlq"];
                    lock (dlq) dlq.Messages.Add(new Message(m.Id, m.Body));
                    continue;
                }

                m.ReceiveCount++;
                m.ReceiptHandle = Guid.NewGuid().ToString("N");
                m.VisibleAt = now.AddSeconds(visibility);
                result.Add(new JsonObject
                {
                    ["MessageId"] = m.Id,
                    ["ReceiptHandle"] = m.ReceiptHandle,
                    ["MD5OfBody"] = Md5(m.Body),
                    ["Body"] = m.Body,
                    ["Attributes"] = new JsonObject { ["ApproximateReceiveCount"] = m.ReceiveCount.ToString() },
                });
            }
        }

        return result;
    }

    private static async Task ErrorAsync(HttpContext context, string type, string message)
    {
        context.Response.StatusCode = (int)HttpStatusCode.BadRequest;
        context.Response.ContentType = "application/x-amz-json-1.0";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = type, ["message"] = message }));
    }

#pragma warning disable CA5351 // SQS itself sends MD5 digests of bodies, which the SDK checks
    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Queue
    {
        public List<Message> Messages { get; } = [];
    }

    private sealed class Message(string id, string body)
    {
        public string Id { get; } = id;
        public string Body { get; } = body;
        public int ReceiveCount { get; set; }
        public string? ReceiptHandle { get; set; }
        public DateTime VisibleAt { get; set; } = DateTime.MinValue;
    }
}
