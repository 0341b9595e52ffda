namespace Goals.Api.Http;

/// <summary>The persisted-operation keys of the <c>GraphQL:*</c> section.</summary>
public sealed class PersistedQuerySettings
{
    /// <summary>Automatic persisted queries: most registrations kept (oldest evicted first).</summary>
    public int PersistedQueryMaxEntries { get; set; } = 1_000;

    /// <summary>Automatic persisted queries: most bytes of query text kept (UTF-16, 2 bytes a char).</summary>
    public long PersistedQueryMaxBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Trusted-documents mode: path (relative to the app's directory) of a JSON manifest <c>{"&lt;sha256&gt;": "query …"}</c>
    /// shipped with the deployment. When set, only its documents run and automatic registration is off.
    /// </summary>
    public string? TrustedDocuments { get; set; }
}
