namespace Goals.Api.Configuration;

/// <summary>`Cors:Origins`: the SPA origins allowed to call the API (none: no CORS headers at all). Checked by <see cref="CorsOriginsOptionsValidator"/>.</summary>
public sealed class CorsOriginsOptions
{
    public const string Section = "Cors";

    /// <summary>Each origin exactly as a browser sends it; blank entries are ignored.</summary>
    public IReadOnlyList<string> Origins { get; set; } = [];

    public IReadOnlyList<string> NonBlankOrigins => Origins.Where(o => !string.IsNullOrWhiteSpace(o)).ToList();
}
