using System.Globalization;
using System.Text.Json.Nodes;

namespace LoadBench;

/// <summary>Compares two GraphQL response bodies: same JSON (object key order aside), timestamps compared as instants
/// (the API writes <c>…T00:01:00.000Z</c>, PostgreSQL <c>…T00:01:00+00:00</c>).</summary>
public static class AnswerCheck
{
    public static bool SameData(string? expected, string? actual, out string why)
    {
        var a = Normalize(Parse(expected));
        var b = Normalize(Parse(actual));
        if (a is JsonObject ao && ao.ContainsKey("errors")) return Fail(out why, "expected body has errors: " + Clip(expected));
        if (b is JsonObject bo && bo.ContainsKey("errors")) return Fail(out why, "answer has errors: " + Clip(actual));
        if (a?["data"] is null) return Fail(out why, "expected body has no data: " + Clip(expected));
        if (!JsonNode.DeepEquals(a["data"], b?["data"])) return Fail(out why, $"data differs:\n  expected {Clip(expected)}\n  actual   {Clip(actual)}");
        why = "";
        return true;
    }

    private static bool Fail(out string why, string message)
    {
        why = message;
        return false;
    }

    private static string Clip(string? s) => s is null ? "(null)" : s.Length > 400 ? s[..400] + "…" : s;

    private static JsonNode? Parse(string? body)
    {
        if (body is null) return null;
        try
        {
            return JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create("not JSON: " + Clip(body));
        }
    }

    private static JsonNode? Normalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList()) o[key] = Normalize(o[key]?.DeepClone());
                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++) a[i] = Normalize(a[i]?.DeepClone());
                return a;
            case JsonValue v when v.TryGetValue<string>(out var s) && s.Length >= 20 && s[10] == 'T'
                                  && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant):
                return JsonValue.Create(instant.UtcTicks);
            default:
                return node;
        }
    }
}
