using Microsoft.Extensions.Options;

namespace Goals.Api.Configuration;

/// <summary>Each origin exactly as a browser sends it: http(s)://host[:port], no path, no wildcard, no trailing slash.</summary>
public sealed class CorsOriginsOptionsValidator : IValidateOptions<CorsOriginsOptions>
{
    public ValidateOptionsResult Validate(string? name, CorsOriginsOptions cors)
    {
        var failures = cors.NonBlankOrigins.Where(origin => !IsOrigin(origin))
            .Select(origin => $"Cors:Origins holds '{origin}', which is not an origin: use scheme://host[:port] with http or https, no path, no wildcard.")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && !origin.Contains('*')
        && string.IsNullOrEmpty(uri.UserInfo)
        && uri.Query.Length == 0 && uri.Fragment.Length == 0
        && uri.GetLeftPart(UriPartial.Authority).Equals(origin, StringComparison.OrdinalIgnoreCase);
}
