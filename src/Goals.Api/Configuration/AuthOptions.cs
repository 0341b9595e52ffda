namespace Goals.Api.Configuration;

/// <summary>`Auth:*`: who issues the tokens this API accepts (checked by <see cref="AuthOptionsValidator"/>). Blank values count as unset.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";
    public const string IssuerKey = Section + ":" + nameof(Issuer);
    public const string AudienceKey = Section + ":" + nameof(Audience);
    public const string AuthorityKey = Section + ":" + nameof(Authority);
    public const string SigningKeyKey = Section + ":" + nameof(SigningKey);

    /// <summary>The tokens' 'iss'.</summary>
    public string? Issuer { get; set; }

    /// <summary>The tokens' 'aud'.</summary>
    public string? Audience { get; set; }

    /// <summary>OIDC authority: metadata + JWKS (asymmetric keys). The production setting.</summary>
    public string? Authority { get; set; }

    /// <summary>A symmetric HS256 key (at least 32 bytes; never the public development key outside Development).</summary>
    public string? SigningKey { get; set; }

    /// <summary>Blank strings (an unset template parameter, an empty override) become null, so "set" means set.</summary>
    public void TreatBlankAsUnset()
    {
        Issuer = NullIfBlank(Issuer);
        Audience = NullIfBlank(Audience);
        Authority = NullIfBlank(Authority);
        SigningKey = NullIfBlank(SigningKey);
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
