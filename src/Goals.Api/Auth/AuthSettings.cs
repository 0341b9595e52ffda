using System.Text;
using Goals.Lambda.Configuration;
using Microsoft.Extensions.Options;

namespace Goals.Api.Auth;

/// <summary>`Auth:*`: who issues the tokens this API accepts.</summary>
public sealed class AuthSettings
{
    public const string SigningKeyKey = "Auth:SigningKey";

    public string? Issuer { get; private set; }
    public string? Audience { get; private set; }

    /// <summary>OIDC authority: metadata + JWKS (asymmetric keys). The production setting.</summary>
    public string? Authority { get; private set; }

    /// <summary>A symmetric HS256 key (at least 32 bytes; never the public development key outside Development).</summary>
    public string? SigningKey { get; private set; }

    public static AuthSettings From(IConfiguration configuration) => new AuthSettings().Load(configuration);

    public AuthSettings Load(IConfiguration configuration)
    {
        Issuer = NullIfEmpty(configuration[KnownConfigurationKeys.AuthIssuer]);
        Audience = NullIfEmpty(configuration[KnownConfigurationKeys.AuthAudience]);
        Authority = NullIfEmpty(configuration[KnownConfigurationKeys.AuthAuthority]);
        SigningKey = NullIfEmpty(configuration[SigningKeyKey]);
        return this;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>
/// Fails start-up (ValidateOnStart) when the token settings would let the wrong people in or nobody at all: no issuer
/// of keys, the public development key outside Development, both kinds at once, a short key, a non-https authority
/// outside Development, no issuer or audience. A strong symmetric key of the operator's own is accepted anywhere (load
/// benchmarks and machine-to-machine callers sign with one); deployments use an authority.
/// </summary>
public sealed class AuthSettingsValidator(IHostEnvironment environment) : IValidateOptions<AuthSettings>
{
    public ValidateOptionsResult Validate(string? name, AuthSettings auth)
    {
        var failures = new List<string>();
        var development = environment.IsDevelopment();
        var where = $"the {environment.EnvironmentName} environment";
        if (auth.Issuer is null) failures.Add($"{KnownConfigurationKeys.AuthIssuer} is required (the tokens' 'iss').");
        if (auth.Audience is null) failures.Add($"{KnownConfigurationKeys.AuthAudience} is required (the tokens' 'aud').");

        if (auth.Authority is null && auth.SigningKey is null)
        {
            failures.Add($"No token issuer is configured: set {KnownConfigurationKeys.AuthAuthority} (the identity provider, e.g. a Cognito user pool URL)"
                + (development ? $" or {AuthSettings.SigningKeyKey}." : "."));
        }
        else if (auth.Authority is not null && auth.SigningKey is not null)
        {
            failures.Add($"Both {KnownConfigurationKeys.AuthAuthority} and {AuthSettings.SigningKeyKey} are set; configure exactly one.");
        }

        if (auth.Authority is not null)
        {
            if (!Uri.TryCreate(auth.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
                failures.Add($"{KnownConfigurationKeys.AuthAuthority} must be an absolute https URL (is '{auth.Authority}').");
            else if (authority.Scheme == "http" && !development)
                failures.Add($"{KnownConfigurationKeys.AuthAuthority} must use https in {where} (is '{auth.Authority}').");
        }

        if (auth.SigningKey is not null)
        {
            if (auth.SigningKey == DevTokens.DevelopmentSigningKey && !development)
            {
                failures.Add($"{AuthSettings.SigningKeyKey} is the public development key from appsettings.Development.json: refused in {where} "
                    + "(anyone could sign tokens for any student). Use Auth:Authority.");
            }

            if (Encoding.UTF8.GetByteCount(auth.SigningKey) < DevTokens.MinimumKeyBytes)
                failures.Add($"{AuthSettings.SigningKeyKey} must be at least {DevTokens.MinimumKeyBytes} bytes (HS256).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
