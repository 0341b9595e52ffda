using System.Text;
using System.Text.Json.Nodes;
using Goals.Api.Tests.Infrastructure;

namespace Goals.Api.Tests.Lambda;

/// <summary>
/// API Gateway events for the end-to-end tests: real captured payloads from <c>&lt;repo&gt;/../shared/fixtures/lambda-events</c>
/// with method/path/body turned into a POST /graphql (their other fields — stage, request context, query strings, other
/// headers — kept), and generated ones.
/// </summary>
internal static class LambdaEvents
{
    public static string FixturesRoot { get; } =
        Path.GetFullPath(Path.Combine(LiveServer.RepositoryRoot, "..", "shared", "fixtures", "lambda-events"));

    public static JsonObject Fixture(string relativePath) =>
        // File.ReadAllText drops the UTF-8 BOM several of the captured files start with.
        JsonNode.Parse(File.ReadAllText(Path.Combine(FixturesRoot, relativePath)))!.AsObject();

    public static string GraphQLBody(string query, JsonObject? variables = null) =>
        new JsonObject { ["query"] = query, ["variables"] = variables }.ToJsonString();

    /// <summary>A payload-2.0 (HTTP API) event turned into POST {stage prefix}/graphql.</summary>
    public static byte[] AsV2GraphQLPost(JsonObject evt, string body, string? token, string accept = "application/json")
    {
        var stage = evt["requestContext"]?["stage"]?.GetValue<string>();
        var path = stage is null or "$default" ? "/graphql" : $"/{stage}/graphql";
        evt["rawPath"] = path;
        evt["routeKey"] = "$default";
        var http = evt["requestContext"]!["http"]!.AsObject();
        http["method"] = "POST";
        http["path"] = path;
        var headers = evt["headers"] as JsonObject ?? [];
        evt["headers"] = headers;
        SetHeader(headers, "content-type", "application/json");
        SetHeader(headers, "accept", accept);
        if (token is null) RemoveHeader(headers, "authorization");
        else SetHeader(headers, "authorization", "Bearer " + token);
        evt["body"] = body;
        evt["isBase64Encoded"] = false;
        return Encoding.UTF8.GetBytes(evt.ToJsonString());
    }

    /// <summary>A payload-1.0 (REST API) event turned into POST /graphql; requestContext.path keeps the stage prefix.</summary>
    public static byte[] AsV1GraphQLPost(JsonObject evt, string body, string? token, string accept = "application/json")
    {
        evt["httpMethod"] = "POST";
        evt["path"] = "/graphql";
        evt["resource"] = "/{proxy+}";
        evt["pathParameters"] = new JsonObject { ["proxy"] = "graphql" };
        if (evt["requestContext"] is JsonObject context)
        {
            context["httpMethod"] = "POST";
            context["resourcePath"] = "/{proxy+}";
            var stage = context["stage"]?.GetValue<string>();
            context["path"] = stage is null or "$default" ? "/graphql" : $"/{stage}/graphql";
        }

        foreach (var mapName in new[] { "headers", "multiValueHeaders" })
        {
            if (evt[mapName] is not JsonObject map) continue;
            var multi = mapName == "multiValueHeaders";
            SetHeader(map, "Content-Type", "application/json", multi);
            SetHeader(map, "Accept", accept, multi);
            if (token is null) RemoveHeader(map, "Authorization");
            else SetHeader(map, "Authorization", "Bearer " + token, multi);
            RemoveHeader(map, "Content-Length");
        }

        if (evt["headers"] is null && evt["multiValueHeaders"] is null)
        {
            var headers = new JsonObject();
            SetHeader(headers, "Content-Type", "application/json");
            SetHeader(headers, "Accept", accept);
            if (token is not null) SetHeader(headers, "Authorization", "Bearer " + token);
            evt["headers"] = headers;
        }

        evt["body"] = body;
        evt["isBase64Encoded"] = false;
        return Encoding.UTF8.GetBytes(evt.ToJsonString());
    }

    /// <summary>A minimal generated HTTP API (2.0) POST /graphql; the body base64-encoded when asked.</summary>
    public static byte[] GeneratedV2(string body, string? token, bool base64 = false)
    {
        var headers = new JsonObject
        {
            ["content-type"] = "application/json",
            ["accept"] = "application/graphql-response+json",
            ["host"] = "abc123.execute-api.eu-west-1.amazonaws.com",
        };
        if (token is not null) headers["authorization"] = "Bearer " + token;
        var evt = new JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = "$default",
            ["rawPath"] = "/graphql",
            ["rawQueryString"] = "",
            ["headers"] = headers,
            ["requestContext"] = new JsonObject
            {
                ["requestId"] = "generated-" + Guid.NewGuid().ToString("N")[..8],
                ["stage"] = "$default",
                ["http"] = new JsonObject { ["method"] = "POST", ["path"] = "/graphql", ["protocol"] = "HTTP/1.1", ["sourceIp"] = "203.0.113.7" },
            },
            ["body"] = base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(body)) : body,
            ["isBase64Encoded"] = base64,
        };
        return Encoding.UTF8.GetBytes(evt.ToJsonString());
    }

    /// <summary>An SQS batch: one record per (messageId, body).</summary>
    public static byte[] SqsBatch(params (string MessageId, string Body)[] records)
    {
        var array = new JsonArray();
        foreach (var (id, body) in records)
        {
            array.Add(new JsonObject
            {
                ["messageId"] = id,
                ["receiptHandle"] = "handle-" + id,
                ["body"] = body,
                ["attributes"] = new JsonObject { ["ApproximateReceiveCount"] = "1" },
                ["messageAttributes"] = new JsonObject(),
                ["eventSource"] = "aws:sqs",
                ["eventSourceARN"] = "arn:aws:sqs:eu-west-1:123456789012:goals-jobs",
                ["awsRegion"] = "eu-west-1",
            });
        }

        return Encoding.UTF8.GetBytes(new JsonObject { ["Records"] = array }.ToJsonString());
    }

    private static void SetHeader(JsonObject map, string name, string value, bool multi = false)
    {
        RemoveHeader(map, name);
        map[name] = multi ? new JsonArray(value) : value;
    }

    private static void RemoveHeader(JsonObject map, string name)
    {
        foreach (var key in map.Select(p => p.Key).Where(k => k.Equals(name, StringComparison.OrdinalIgnoreCase)).ToList()) map.Remove(key);
    }
}
