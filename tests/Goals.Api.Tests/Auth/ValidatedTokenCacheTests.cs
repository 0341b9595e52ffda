using Goals.Api.Auth;
using Goals.Api.Tests.Infrastructure;
using Goals.Local.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace Goals.Api.Tests.Auth;

/// <summary>
/// The validated-token cache behind JWT bearer validation: a token is checked once and then answered from the cache,
/// but never past its own expiry (plus the allowed clock skew) nor past the cache's entry lifetime, and an invalid
/// token is never cached. (That a cached token still authenticates end to end: AuthTests and every API test.)
/// </summary>
public sealed class ValidatedTokenCacheTests : IDisposable
{
    private const string Issuer = "goals-cache-test";
    private const string Audience = "goals-api";
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);

    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));
    private readonly ValidatedTokenCache _cache;
    private readonly CachingJsonWebTokenHandler _handler;

    public ValidatedTokenCacheTests()
    {
        _cache = new ValidatedTokenCache(_clock);
        _handler = new CachingJsonWebTokenHandler(_cache) { MapInboundClaims = false };
    }

    public void Dispose() => _cache.Dispose();

    [Fact]
    public async Task A_valid_token_is_validated_once_and_then_answered_from_the_cache()
    {
        var token = Mint(TimeSpan.FromMinutes(10));

        var first = await _handler.ValidateTokenAsync(token, Parameters());
        var second = await _handler.ValidateTokenAsync(token, Parameters());

        Assert.True(first.IsValid, first.Exception?.Message);
        Assert.Same(first, second);
    }

    [Fact]
    public async Task A_cached_token_stops_working_when_it_expires()
    {
        var token = Mint(TimeSpan.FromMinutes(2));
        Assert.True((await _handler.ValidateTokenAsync(token, Parameters())).IsValid);

        _clock.Advance(TimeSpan.FromMinutes(2) + Skew + TimeSpan.FromSeconds(1));

        Assert.False(_cache.TryGet(token, out _));
    }

    [Fact]
    public async Task An_entry_lives_no_longer_than_the_cache_allows_even_for_a_long_lived_token()
    {
        var token = Mint(TimeSpan.FromHours(1));
        Assert.True((await _handler.ValidateTokenAsync(token, Parameters())).IsValid);
        Assert.True(_cache.TryGet(token, out _));

        _clock.Advance(ValidatedTokenCache.MaxEntryLifetime);

        Assert.False(_cache.TryGet(token, out _));
    }

    [Fact]
    public async Task An_invalid_token_is_checked_every_time_and_never_cached()
    {
        var token = Mint(TimeSpan.FromMinutes(10), signingKey: "another-key-of-at-least-32-bytes-0123456789");

        var first = await _handler.ValidateTokenAsync(token, Parameters());
        var second = await _handler.ValidateTokenAsync(token, Parameters());

        Assert.False(first.IsValid);
        Assert.False(second.IsValid);
        Assert.NotSame(first, second);
        Assert.False(_cache.TryGet(token, out _));
    }

    [Fact]
    public async Task A_tampered_copy_of_a_cached_token_is_not_a_hit()
    {
        var token = Mint(TimeSpan.FromMinutes(10));
        Assert.True((await _handler.ValidateTokenAsync(token, Parameters())).IsValid);
        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        Assert.False(_cache.TryGet(tampered, out _));
        Assert.False((await _handler.ValidateTokenAsync(tampered, Parameters())).IsValid);
    }

    /// <summary>A token issued at the manual clock's time (validation reads the real clock, so "now" is real time too).</summary>
    private string Mint(TimeSpan lifetime, string signingKey = TestApi.SigningKey)
    {
        _clock.Set(DateTimeOffset.UtcNow);
        return DevelopmentTokens.Create(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = signingKey,
            ["Auth:Issuer"] = Issuer,
            ["Auth:Audience"] = Audience,
        }).Build(), Guid.NewGuid(), lifetime, _clock.GetUtcNow().UtcDateTime);
    }

    private static TokenValidationParameters Parameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = DevTokens.KeyFrom(TestApi.SigningKey),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireExpirationTime = true,
        ClockSkew = Skew,
    };

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;

        public void Set(DateTimeOffset now) => _now = now;
    }
}
