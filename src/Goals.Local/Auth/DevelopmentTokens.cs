using Goals.Api.Auth;
using Goals.Api.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Goals.Local.Auth;

/// <summary>Development tokens signed with `Auth:SigningKey`: what the `token` verb prints and the tests sign with
/// (local-only: production uses `Auth:Authority`).</summary>
public static class DevelopmentTokens
{
    /// <summary>A token signed with the `Auth` section of <paramref name="configuration"/>.</summary>
    public static string Create(IConfiguration configuration, Guid studentId, TimeSpan lifetime, DateTime? now = null) =>
        Create(configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions(), studentId, lifetime, now);

    public static string Create(AuthOptions auth, Guid studentId, TimeSpan lifetime, DateTime? now = null)
    {
        var signingKey = auth.SigningKey;
        if (string.IsNullOrEmpty(signingKey)) throw new InvalidOperationException($"{AuthOptions.SigningKeyKey} is not configured.");
        var issued = now ?? DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            IssuedAt = issued,
            NotBefore = issued,
            Expires = issued + lifetime,
            Claims = new Dictionary<string, object> { ["sub"] = studentId.ToString("D") },
            SigningCredentials = new SigningCredentials(DevTokens.KeyFrom(signingKey), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}
