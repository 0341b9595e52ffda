using Goals.Api.Auth;
using Goals.Lambda.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Goals.Local.Auth;

/// <summary>Development tokens signed with `Auth:SigningKey`: what the `token` verb prints and the tests sign with
/// (local-only: production uses `Auth:Authority`).</summary>
public static class DevelopmentTokens
{
    public static string Create(IConfiguration configuration, Guid studentId, TimeSpan lifetime, DateTime? now = null)
    {
        var signingKey = configuration[AuthSettings.SigningKeyKey];
        if (string.IsNullOrEmpty(signingKey)) throw new InvalidOperationException($"{AuthSettings.SigningKeyKey} is not configured.");
        var issued = now ?? DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = configuration[KnownConfigurationKeys.AuthIssuer],
            Audience = configuration[KnownConfigurationKeys.AuthAudience],
            IssuedAt = issued,
            NotBefore = issued,
            Expires = issued + lifetime,
            Claims = new Dictionary<string, object> { ["sub"] = studentId.ToString("D") },
            SigningCredentials = new SigningCredentials(DevTokens.KeyFrom(signingKey), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}
