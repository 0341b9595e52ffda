using System.Text.RegularExpressions;

namespace Goals.Api.Http;

/// <summary>
/// The <c>extensions.persistedQuery</c> of a request (the automatic persisted queries protocol of Apollo and Relay
/// clients): <c>{ "version": 1, "sha256Hash": "&lt;64 hex digits&gt;" }</c>. Reading it never throws: a malformed
/// extension carries its <see cref="Error"/>, which the request answers with 400 BAD_REQUEST.
/// </summary>
public sealed partial record PersistedQueryExtension(string? Sha256Hash, string? Error)
{
    public const string Key = "persistedQuery";

    /// <summary>Null when the extensions have no (or a null) persistedQuery.</summary>
    public static PersistedQueryExtension? From(IReadOnlyDictionary<string, object?>? extensions)
    {
        if (extensions is null || !extensions.TryGetValue(Key, out var value) || value is null) return null;
        if (value is not IReadOnlyDictionary<string, object?> persisted)
            return Invalid("The 'persistedQuery' extension must be an object.");

        var version = persisted.GetValueOrDefault("version");
        if (version is not (1L or 1.0d))
            return Invalid("Unsupported persisted query version: 'persistedQuery.version' must be 1.");
        if (persisted.GetValueOrDefault("sha256Hash") is not string hash || !Sha256Hex().IsMatch(hash))
            return Invalid("'persistedQuery.sha256Hash' must be the SHA-256 of the query as 64 hexadecimal digits.");
        return new PersistedQueryExtension(hash.ToLowerInvariant(), null);
    }

    private static PersistedQueryExtension Invalid(string error) => new(null, error);

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex Sha256Hex();
}
