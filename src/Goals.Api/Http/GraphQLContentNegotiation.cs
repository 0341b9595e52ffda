using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Goals.Api.Http;

/// <summary>
/// The response media type from Accept (GraphQL over HTTP): application/graphql-response+json or application/json;
/// absent Accept or */* → application/json; nothing acceptable → null (406).
/// </summary>
public static class GraphQLContentNegotiation
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";

    /// <summary>The response media type for an Accept header, or null for 406.</summary>
    public static string? Negotiate(StringValues accept)
    {
        if (StringValues.IsNullOrEmpty(accept) || accept.All(string.IsNullOrWhiteSpace)) return Json;
        if (!MediaTypeHeaderValue.TryParseList(accept, out var ranges) || ranges.Count == 0) return Json;

        string? best = null;
        double bestQ = 0;
        var bestSpecificity = -1;
        foreach (var candidate in (string[])[GraphQLResponseJson, Json])
        {
            var (q, specificity) = Quality(ranges, candidate);
            if (q <= 0) continue;
            // Equal quality: an explicitly named type wins over a wildcard; between two wildcard matches
            // (e.g. */*) application/json is the spec's default; between two explicit ones graphql-response+json.
            if (best is null || q > bestQ || (q == bestQ && (specificity > bestSpecificity || (specificity == bestSpecificity && specificity < 2))))
            {
                best = candidate;
                bestQ = q;
                bestSpecificity = specificity;
            }
        }

        return best;
    }

    /// <summary>True for a browser navigation: text/html named explicitly and preferred at least as much as JSON.</summary>
    public static bool PrefersHtml(StringValues accept)
    {
        if (StringValues.IsNullOrEmpty(accept) || !MediaTypeHeaderValue.TryParseList(accept, out var ranges)) return false;
        var (html, specificity) = Quality(ranges, "text/html");
        if (html <= 0 || specificity < 2) return false;
        var (json, _) = Quality(ranges, Json);
        var (gql, _) = Quality(ranges, GraphQLResponseJson);
        return html >= Math.Max(json, gql);
    }

    private static (double Q, int Specificity) Quality(IList<MediaTypeHeaderValue> ranges, string mediaType)
    {
        var slash = mediaType.IndexOf('/');
        var type = mediaType[..slash];
        double q = 0;
        var specificity = -1;
        foreach (var range in ranges)
        {
            var value = range.MediaType.Value ?? "";
            int s;
            if (value.Equals(mediaType, StringComparison.OrdinalIgnoreCase)) s = 2;
            else if (value.Equals(type + "/*", StringComparison.OrdinalIgnoreCase)) s = 1;
            else if (value == "*/*") s = 0;
            else continue;
            if (s > specificity)
            {
                specificity = s;
                q = range.Quality ?? 1.0;
            }
        }

        return (q, specificity);
    }
}
