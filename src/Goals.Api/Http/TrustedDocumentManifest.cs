using System.Collections.Frozen;
using System.Text.Json;

namespace Goals.Api.Http;

/// <summary>
/// The trusted-documents manifest: a JSON object from SHA-256 (hex) to document text, the format GraphQL Codegen's
/// client preset (<c>persistedDocuments</c>) and Relay (<c>persistConfig</c> with SHA-256) emit. Read once at start-up
/// and fail closed: an unreadable file, a malformed entry or a hash that is not its text's SHA-256 stops the app.
/// </summary>
public static class TrustedDocumentManifest
{
    public static FrozenDictionary<string, string> Load(string path)
    {
        var fullPath = Path.GetFullPath(path, AppContext.BaseDirectory);
        string json;
        try
        {
            json = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Invalid(fullPath, $"cannot be read ({e.Message})");
        }

        using var document = Parse(json, fullPath);
        if (document.RootElement.ValueKind != JsonValueKind.Object) throw Invalid(fullPath, "is not a JSON object of hash → document");

        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in document.RootElement.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String || entry.Value.GetString() is not { Length: > 0 } text)
                throw Invalid(fullPath, $"entry '{entry.Name}' is not a document text");
            var hash = entry.Name.ToLowerInvariant();
            if (hash != PersistedQueries.Sha256Hex(text))
                throw Invalid(fullPath, $"entry '{entry.Name}' is not the SHA-256 (hex) of its document");
            documents[hash] = text;
        }

        if (documents.Count == 0) throw Invalid(fullPath, "has no documents");
        return documents.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static JsonDocument Parse(string json, string path)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw Invalid(path, $"is not valid JSON ({e.Message})");
        }
    }

    private static InvalidOperationException Invalid(string path, string problem) =>
        new($"GraphQL:TrustedDocuments: the manifest {path} {problem}.");
}
