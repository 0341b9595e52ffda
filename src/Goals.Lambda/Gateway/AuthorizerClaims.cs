using System.Text.Json;

namespace Goals.Lambda.Gateway;

/// <summary>Finds the claims and scopes a Cognito (v1) or JWT (v2) authorizer put in the request context.</summary>
internal static class AuthorizerClaims
{
    public static IReadOnlyDictionary<string, string> Claims(JsonElement? authorizer)
    {
        var claims = new Dictionary<string, string>(StringComparer.Ordinal);
        var source = Find(authorizer, "claims");
        if (source is { ValueKind: JsonValueKind.Object } obj)
        {
            foreach (var claim in obj.EnumerateObject())
            {
                claims[claim.Name] = claim.Value.ValueKind == JsonValueKind.String ? claim.Value.GetString()! : claim.Value.GetRawText();
            }
        }

        return claims;
    }

    public static IReadOnlyList<string> Scopes(JsonElement? authorizer) =>
        Find(authorizer, "scopes") is { ValueKind: JsonValueKind.Array } array
            ? array.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()!).ToArray()
            : [];

    private static JsonElement? Find(JsonElement? authorizer, string name)
    {
        if (authorizer is not { ValueKind: JsonValueKind.Object } root)
        {
            return null;
        }

        if (root.TryGetProperty("jwt", out var jwt) && jwt.ValueKind == JsonValueKind.Object && jwt.TryGetProperty(name, out var v2))
        {
            return v2;
        }

        return root.TryGetProperty(name, out var v1) ? v1 : null;
    }
}
