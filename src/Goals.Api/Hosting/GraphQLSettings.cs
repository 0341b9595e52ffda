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

    /// <summary>Largest answer (estimated while it is built), else RESPONSE_TOO_LARGE; under Lambda's 6 MB response payload limit.</summary>
    public long MaxResultBytes { get; set; } = 5_000_000;

    /// <summary>Bound of the parsed-document cache in estimated bytes.</summary>
    public long DocumentCacheBytes { get; set; } = 32L * 1024 * 1024;

    /// <exception cref="InvalidOperationException">A size bound that is not positive.</exception>
    public void RequirePositiveSizeBounds()
    {
        if (MaxResultBytes < 1) throw new InvalidOperationException($"Configuration GraphQL:MaxResultBytes must be at least 1 (it is {MaxResultBytes}).");
        if (DocumentCacheBytes < 1)
            throw new InvalidOperationException($"Configuration GraphQL:DocumentCacheBytes must be at least 1 (it is {DocumentCacheBytes}).");
    }
    public const int MaxRequestBytesCeiling = 64 * 1024 * 1024;
}
