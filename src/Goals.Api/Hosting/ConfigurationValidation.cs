using Goals.Lambda.Configuration;
using Microsoft.Extensions.Options;

namespace Goals.Api.Hosting;

/// <summary>
/// Start-up checks of the settings that have no safe reading when wrong (ValidateOnStart: the host refuses to start
/// and says why; the CLI prints each failure). Auth has its own validator (<see cref="Auth.AuthSettingsValidator"/>).
/// </summary>
public static class ConfigurationValidation
{
    public static IServiceCollection AddGoalsConfigurationValidation(this IServiceCollection services)
    {
        services.AddOptions<GraphQLSettings>().BindConfiguration(KnownConfigurationKeys.GraphQLSection).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CorsSettings>().Configure<IConfiguration>((cors, configuration) => cors.Origins = GoalsApp.CorsOrigins(configuration))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CorsSettings>, CorsSettingsValidator>();
        return services;
    }
}

/// <summary>`Cors:Origins` as the CORS policy uses them.</summary>
public sealed class CorsSettings
{
    public IReadOnlyList<string> Origins { get; set; } = [];
}

/// <summary>Each origin exactly as a browser sends it: http(s)://host[:port], no path, no wildcard, no trailing slash.</summary>
public sealed class CorsSettingsValidator : IValidateOptions<CorsSettings>
{
    public ValidateOptionsResult Validate(string? name, CorsSettings cors)
    {
        var failures = cors.Origins.Where(origin => !IsOrigin(origin))
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
