namespace Goals.Api.Configuration;

/// <summary>`GraphQL:*`: the endpoint, the executor's limits and persisted queries. Checked by <see cref="GraphQLOptionsValidator"/>.</summary>
public sealed class GraphQLOptions
{
    public const string Section = "GraphQL";
    public const int MaxRequestBytesCeiling = 64 * 1024 * 1024;

    /// <summary>Serve Banana Cake Pop at GET /graphql for browsers.</summary>
    public bool Ide { get; set; } = true;

    /// <summary>Local runs: where the IDE bundle is (default: ide/ next to the app, then the repository's npm install).</summary>
    public string? IdeDirectory { get; set; }

    public bool Introspection { get; set; } = true;

    public int? MaxDepth { get; set; } = 12;

    public int? MaxComplexity { get; set; } = 5_000;

    /// <summary>Largest accepted request body (POST) or query string (GET); 413 beyond it.</summary>
    public int MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>Largest answer (estimated while it is built), else RESPONSE_TOO_LARGE; under Lambda's 6 MB response payload limit.</summary>
    public long MaxResultBytes { get; set; } = 5_000_000;

    /// <summary>Bound of the parsed-document cache in estimated bytes.</summary>
    public long DocumentCacheBytes { get; set; } = 32L * 1024 * 1024;

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
