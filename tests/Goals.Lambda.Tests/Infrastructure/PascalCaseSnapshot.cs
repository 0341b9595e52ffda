using System.Text;
using System.Text.Json.Nodes;

namespace Goals.Lambda.Tests.Infrastructure;

/// <summary>
/// The apigw-observed request snapshots were written by a .NET serializer with PascalCase property names.
/// This restores the wire format's camelCase names, leaving map keys (headers, query, path parameters) alone.
/// </summary>
internal static class PascalCaseSnapshot
{
    private static readonly HashSet<string> Maps = new(StringComparer.OrdinalIgnoreCase)
    {
        "headers", "multiValueHeaders", "queryStringParameters", "multiValueQueryStringParameters",
        "pathParameters", "stageVariables", "claims",
    };

    public static byte[] ToWireFormat(string relativePath)
    {
        var node = JsonNode.Parse(Fixtures.Text(relativePath))!;
        return Encoding.UTF8.GetBytes(CamelCase(node)!.ToJsonString());
    }

    private static JsonNode? CamelCase(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(
            char.ToLowerInvariant(p.Key[0]) + p.Key[1..],
            Maps.Contains(p.Key) ? p.Value?.DeepClone() : CamelCase(p.Value)))),
        JsonArray array => new JsonArray(array.Select(CamelCase).ToArray()),
        _ => node?.DeepClone(),
    };
}
