using System.Text;
using Goals.Api.Auth;
using Microsoft.Extensions.Options;

namespace Goals.Api.Configuration;

/// <summary>
/// Fails start-up (ValidateOnStart) when the token settings would let the wrong people in or nobody at all: no issuer
/// of keys, the public development key outside Development, both kinds at once, a short key, a non-https authority
/// outside Development, no issuer or audience. A strong symmetric key of the operator's own is accepted anywhere (load
/// benchmarks and machine-to-machine callers sign with one); deployments use an authority.
/// </summary>
public sealed class AuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions auth)
    {
        var failures = new List<string>();
        var development = environment.IsDevelopment();
        var where = $"the {environment.EnvironmentName} environment";
        if (auth.Issuer is null) failures.Add($"{AuthOptions.IssuerKey} is required (the tokens' 'iss').");
        if (auth.Audience is null) failures.Add($"{AuthOptions.AudienceKey} is required (the tokens' 'aud').");

        if (auth.Authority is null && auth.SigningKey is null)
        {
            failures.Add($"No token issuer is configured: set {AuthOptions.AuthorityKey} (the identity provider, e.g. a Cognito user pool URL)"
                + (development ? $" or {AuthOptions.SigningKeyKey}." : "."));
        }
        else if (auth.Authority is not null && auth.SigningKey is not null)
        {
            failures.Add($"Both {AuthOptions.AuthorityKey} and {AuthOptions.SigningKeyKey} are set; configure exactly one.");
        }

        if (auth.Authority is not null)
        {
            if (!Uri.TryCreate(auth.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
                failures.Add($"{AuthOptions.AuthorityKey} must be an absolute https URL (is '{auth.Authority}').");
            else if (authority.Scheme == "http" && !development)
                failures.Add($"{AuthOptions.AuthorityKey} must use https in {where} (is '{auth.Authority}').");
        }

        if (auth.SigningKey is not null)
        {
            if (auth.SigningKey == DevTokens.DevelopmentSigningKey && !development)
            {
                failures.Add($"{AuthOptions.SigningKeyKey} is the public development key from appsettings.Development.json: refused in {where} "
                    + $"(anyone could sign tokens for any student). Use {AuthOptions.AuthorityKey}.");
            }

            if (Encoding.UTF8.GetByteCount(auth.SigningKey) < DevTokens.MinimumKeyBytes)
                failures.Add($"{AuthOptions.SigningKeyKey} must be at least {DevTokens.MinimumKeyBytes} bytes (HS256).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
