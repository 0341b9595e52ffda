using System.ComponentModel.DataAnnotations;

namespace Goals.Api.Hosting;

/// <summary>`GraphQL:*` configuration.</summary>
public sealed class GraphQLSettings
{
    /// <summary>Serve Banana Cake Pop at GET /graphql for browsers.</summary>
    public bool Ide { get; set; } = true;

    public bool Introspection { get; set; } = true;
    [Range(1, int.MaxValue, ErrorMessage = "GraphQL:MaxDepth must be at least 1 (or unset for no limit).")]
    public int? MaxDepth { get; set; } = 12;

    [Range(1, int.MaxValue, ErrorMessage = "GraphQL:MaxComplexity must be at least 1 (or unset for no limit).")]
    public int? MaxComplexity { get; set; } = 5_000;

    /// <summary>Largest accepted request body (POST) or query string (GET); 413 beyond it.</summary>
    [Range(1, MaxRequestBytesCeiling, ErrorMessage = "GraphQL:MaxRequestBytes must be between 1 and 67108864 (64 MiB).")]
    public int MaxRequestBytes { get; set; } = 256 * 1024;

    public const int MaxRequestBytesCeiling = 64 * 1024 * 1024;
}
