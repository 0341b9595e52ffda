namespace Goals.Api.Hosting;

/// <summary>`GraphQL:*` configuration.</summary>
public sealed class GraphQLSettings
{
    /// <summary>Serve Banana Cake Pop at GET /graphql for browsers.</summary>
    public bool Ide { get; set; } = true;

    public bool Introspection { get; set; } = true;
    public int? MaxDepth { get; set; } = 12;
    public int? MaxComplexity { get; set; } = 5_000;

    /// <summary>Largest accepted request body (POST) or query string (GET); 413 beyond it.</summary>
    public int MaxRequestBytes { get; set; } = 256 * 1024;
}
