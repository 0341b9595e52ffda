using System.Text;
using Goals.Api.Configuration;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Goals.Api.Auth;

/// <summary>
/// JWT bearer validation from configuration: `Auth:Issuer`, `Auth:Audience`, and either `Auth:Authority` (OIDC
/// metadata + JWKS, e.g. a Cognito user pool; RS256) or `Auth:SigningKey` (a symmetric HS256 key for development
/// and tests; <see cref="AuthOptionsValidator"/> says where each is accepted). Authentication never rejects a request
/// by itself: a missing or invalid token leaves the request anonymous and the GraphQL data fields fail with
/// UNAUTHENTICATED (see <see cref="StudentContext"/>).
/// </summary>
public static class AuthSetup
{
    internal const string FailureItem = "goals.auth.failure";

    /// <summary>JWT bearer authentication configured from <see cref="AuthOptions"/> (registered by AddGoalsOptions).</summary>
    public static IServiceCollection AddGoalsAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddSingleton(_ => new ValidatedTokenCache(TimeProvider.System));
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<AuthOptions>, ValidatedTokenCache>((options, authOptions, tokenCache) =>
        {
            var auth = authOptions.Value;
            options.TokenHandlers.Clear();
            options.TokenHandlers.Add(new CachingJsonWebTokenHandler(tokenCache) { MapInboundClaims = false });
            options.MapInboundClaims = false;
            if (auth.Authority is { } authority)
            {
                options.Authority = authority;
                options.RequireHttpsMetadata = authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
            }

            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidIssuer = auth.Issuer,
                ValidateAudience = true,
                ValidAudience = auth.Audience,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ValidateIssuerSigningKey = true,
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = "sub",
                IssuerSigningKey = auth.SigningKey is { } signingKey ? DevTokens.KeyFrom(signingKey) : null,
                ValidAlgorithms = auth.SigningKey is null
                    ? [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512, SecurityAlgorithms.EcdsaSha256]
                    : [SecurityAlgorithms.HmacSha256],
            };
            options.Events = new JwtBearerEvents
            {
                OnAuthenticationFailed = context =>
                {
                    context.HttpContext.Items[FailureItem] = context.Exception switch
                    {
                        SecurityTokenExpiredException => "The bearer token has expired.",
                        SecurityTokenInvalidAudienceException => "The bearer token is not meant for this API (audience).",
                        SecurityTokenInvalidIssuerException => "The bearer token was issued by an unknown issuer.",
                        _ => "The bearer token is invalid.",
                    };
                    return Task.CompletedTask;
                },
            };
        });
        return services;
    }

    /// <summary>The request's student, computed once from HttpContext.User after authentication ran.</summary>
    public static StudentContext GetStudentContext(HttpContext context)
    {
        if (context.Items.TryGetValue(typeof(StudentContext), out var existing) && existing is StudentContext cached) return cached;
        var failure = context.Items.TryGetValue(FailureItem, out var f) ? f as string : null;
        if (failure is null && context.Request.Headers.Authorization.Count > 0 && context.User.Identity?.IsAuthenticated != true)
        {
            failure = "The Authorization header does not hold a valid bearer token.";
        }

        var student = StudentContext.FromPrincipal(context.User, failure);
        context.Items[typeof(StudentContext)] = student;
        return student;
    }
}

/// <summary>The HS256 signing key (`Auth:SigningKey`) and the public development key; minting tokens is Goals.Local's
/// (<c>DevelopmentTokens</c>): the deployed app only verifies them.</summary>
public static class DevTokens
{
    /// <summary>The public key in appsettings.Development.json: refused outside Development (<see cref="AuthOptionsValidator"/>).</summary>
    public const string DevelopmentSigningKey = "goals-api-LOCAL-DEVELOPMENT-ONLY-signing-key-not-a-secret";

    public const int MinimumKeyBytes = 32;

    public static SymmetricSecurityKey KeyFrom(string signingKey)
    {
        var bytes = Encoding.UTF8.GetBytes(signingKey);
        if (bytes.Length < MinimumKeyBytes) throw new InvalidOperationException($"{AuthOptions.SigningKeyKey} must be at least {MinimumKeyBytes} bytes (HS256).");
        return new SymmetricSecurityKey(bytes);
    }
}
