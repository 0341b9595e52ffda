using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Goals.Api.Auth;

/// <summary>
/// Tokens that passed validation, by their exact text: a client sends the same bearer token with every request for its
/// lifetime, and checking its signature and claims again each time was measurable on the hot path. An entry lives until
/// the token expires (plus the clock skew validation allows) or <see cref="MaxEntryLifetime"/>, whichever comes first, so
/// a signing key withdrawn from the JWKS stops working within that time. Only valid results are kept: an invalid token
/// is checked every time it is sent. The cached identity is shared by the requests that send the token; nothing in the
/// app adds claims to it.
/// </summary>
public sealed class ValidatedTokenCache : IDisposable
{
    public const int MaxEntries = 10_000;
    public static readonly TimeSpan MaxEntryLifetime = TimeSpan.FromMinutes(5);

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = MaxEntries });
    private readonly TimeProvider _time;

    public ValidatedTokenCache(TimeProvider time) => _time = time;

    public bool TryGet(string token, out TokenValidationResult result)
    {
        if (_entries.TryGetValue(token, out Entry? entry) && entry is not null && _time.GetUtcNow() < entry.Expires)
        {
            result = entry.Result;
            return true;
        }

        result = null!;
        return false;
    }

    public void Add(string token, TimeSpan clockSkew, TokenValidationResult result)
    {
        if (!result.IsValid || result.SecurityToken is not JsonWebToken { ValidTo: var validTo } || validTo == DateTime.MinValue) return;
        var now = _time.GetUtcNow();
        var tokenExpires = new DateTimeOffset(validTo + clockSkew, TimeSpan.Zero);
        var expires = tokenExpires < now + MaxEntryLifetime ? tokenExpires : now + MaxEntryLifetime;
        if (expires <= now) return;
        _entries.Set(token, new Entry(result, expires), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = expires });
    }

    public void Dispose() => _entries.Dispose();

    /// <param name="Expires">Checked on every hit with <see cref="_time"/>; the cache's own expiry only evicts.</param>
    private sealed record Entry(TokenValidationResult Result, DateTimeOffset Expires);
}

/// <summary>JsonWebTokenHandler that answers a token it validated before from <see cref="ValidatedTokenCache"/>.</summary>
public sealed class CachingJsonWebTokenHandler(ValidatedTokenCache cache) : JsonWebTokenHandler
{
    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (cache.TryGet(token, out var cached)) return cached;
        var result = await base.ValidateTokenAsync(token, validationParameters);
        cache.Add(token, validationParameters.ClockSkew, result);
        return result;
    }
}
