namespace Goals.Lambda.Gateway;

/// <summary>Content types whose bodies go back to the gateway as plain text; everything else is base64.</summary>
internal static class TextContentTypes
{
    private static readonly HashSet<string> TextApplicationTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/json",
        "application/graphql-response+json",
        "application/graphql",
        "application/javascript",
        "application/xml",
        "application/x-www-form-urlencoded",
    };

    public static bool IsText(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return false;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var mediaType = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        return mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || TextApplicationTypes.Contains(mediaType)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+xml", StringComparison.OrdinalIgnoreCase);
    }
}
