using System.Text;
using System.Text.Json.Nodes;

namespace Goals.Lambda.Tests.Infrastructure;

/// <summary>Generated API Gateway events for cases the fixtures do not cover.</summary>
internal static class Events
{
    public static byte[] V2(string method, string rawPath, string rawQueryString = "", string? body = null, bool base64 = false,
        string[]? cookies = null, string stage = "$default", JsonObject? headers = null)
    {
        var evt = new JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = "$default",
            ["rawPath"] = rawPath,
            ["rawQueryString"] = rawQueryString,
            ["headers"] = headers ?? new JsonObject { ["host"] = "abc.execute-api.us-east-1.amazonaws.com", ["x-forwarded-proto"] = "https" },
            ["requestContext"] = new JsonObject
            {
                ["requestId"] = "gen-v2-request",
                ["stage"] = stage,
                ["http"] = new JsonObject { ["method"] = method, ["path"] = rawPath, ["protocol"] = "HTTP/1.1", ["sourceIp"] = "203.0.113.9" },
            },
            ["body"] = body,
            ["isBase64Encoded"] = base64,
        };
        if (cookies is not null)
        {
            evt["cookies"] = new JsonArray(cookies.Select(c => (JsonNode?)c).ToArray());
        }

        return Encoding.UTF8.GetBytes(evt.ToJsonString());
    }

    public static byte[] RestV1(string method, string path, string stage = "prod", JsonObject? multiValueQuery = null, string? body = null, bool base64 = false)
    {
        var evt = new JsonObject
        {
            ["resource"] = "/{proxy+}",
            ["path"] = path,
            ["httpMethod"] = method,
            ["headers"] = new JsonObject { ["Host"] = "abc.execute-api.us-east-1.amazonaws.com" },
            ["multiValueHeaders"] = new JsonObject { ["Host"] = new JsonArray("abc.execute-api.us-east-1.amazonaws.com"), ["X-Repeated"] = new JsonArray("a", "b") },
            ["multiValueQueryStringParameters"] = multiValueQuery,
            ["requestContext"] = new JsonObject
            {
                ["requestId"] = "gen-v1-request",
                ["stage"] = stage,
                ["path"] = "/" + stage + path,
                ["identity"] = new JsonObject { ["sourceIp"] = "198.51.100.7" },
                ["authorizer"] = new JsonObject { ["claims"] = new JsonObject { ["sub"] = "student-42", ["email_verified"] = true } },
            },
            ["body"] = body,
            ["isBase64Encoded"] = base64,
        };
        return Encoding.UTF8.GetBytes(evt.ToJsonString());
    }
}
