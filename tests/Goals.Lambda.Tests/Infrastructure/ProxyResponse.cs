using System.Text;
using System.Text.Json;

namespace Goals.Lambda.Tests.Infrastructure;

/// <summary>A proxy response as the runtime posted it, read the way API Gateway would.</summary>
internal sealed class ProxyResponse
{
    private ProxyResponse(JsonElement root)
    {
        Root = root;
        StatusCode = root.GetProperty("statusCode").GetInt32();
        IsBase64Encoded = root.TryGetProperty("isBase64Encoded", out var b64) && b64.GetBoolean();
        var body = root.TryGetProperty("body", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString()! : string.Empty;
        Body = IsBase64Encoded ? Convert.FromBase64String(body) : Encoding.UTF8.GetBytes(body);
        RawBody = body;
    }

    public JsonElement Root { get; }

    public int StatusCode { get; }

    public bool IsBase64Encoded { get; }

    public byte[] Body { get; }

    /// <summary>The body string as it appears in the proxy response (base64 text when IsBase64Encoded).</summary>
    public string RawBody { get; }

    public string BodyText => Encoding.UTF8.GetString(Body);

    public bool HasSingleValueHeaders => Root.TryGetProperty("headers", out var h) && h.ValueKind == JsonValueKind.Object;

    public bool HasMultiValueHeaders => Root.TryGetProperty("multiValueHeaders", out var h) && h.ValueKind == JsonValueKind.Object;

    public IReadOnlyList<string> Cookies =>
        Root.TryGetProperty("cookies", out var c) && c.ValueKind == JsonValueKind.Array ? c.EnumerateArray().Select(v => v.GetString()!).ToArray() : [];

    public static ProxyResponse Parse(InvocationResult result)
    {
        Assert.False(result.IsError, $"Expected a response, got error {result.ErrorType}: {Encoding.UTF8.GetString(result.Body)}");
        return new ProxyResponse(JsonDocument.Parse(result.Body).RootElement.Clone());
    }

    /// <summary>Values of a header from <c>headers</c> and <c>multiValueHeaders</c>, names case-insensitive.</summary>
    public IReadOnlyList<string> Header(string name)
    {
        var values = new List<string>();
        foreach (var mapName in new[] { "multiValueHeaders", "headers" })
        {
            if (!Root.TryGetProperty(mapName, out var map) || map.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var header in map.EnumerateObject().Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                values.AddRange(header.Value.ValueKind == JsonValueKind.Array
                    ? header.Value.EnumerateArray().Select(v => v.GetString()!)
                    : [header.Value.GetString()!]);
            }
        }

        return values;
    }

    public JsonElement Json() => JsonDocument.Parse(Body).RootElement.Clone();
}
