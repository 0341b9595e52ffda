using System.Text;

namespace Goals.Lambda.Gateway;

internal static class GatewayQueryString
{
    /// <summary>v2 carries the query as the client sent it; the decoded map loses <c>+</c>, so never rebuild from it.</summary>
    public static string FromRaw(string? rawQueryString) =>
        string.IsNullOrEmpty(rawQueryString) ? string.Empty : "?" + rawQueryString;

    /// <summary>v1 only has decoded maps; re-encode them, preferring the multi-value map.</summary>
    public static string FromMaps(
        IReadOnlyDictionary<string, List<string?>?>? multiValue,
        IReadOnlyDictionary<string, string?>? singleValue)
    {
        var pairs = multiValue is { Count: > 0 }
            ? multiValue.SelectMany(p => (p.Value ?? [null]).Select(v => (p.Key, Value: v)))
            : (singleValue ?? new Dictionary<string, string?>()).Select(p => (p.Key, p.Value));

        var builder = new StringBuilder();
        foreach (var (key, value) in pairs)
        {
            builder.Append(builder.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(key));
            if (value is not null)
            {
                builder.Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        return builder.ToString();
    }
}
