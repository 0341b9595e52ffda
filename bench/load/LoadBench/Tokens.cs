using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LoadBench;

/// <summary>HS256 bearer tokens the API accepts (Auth:SigningKey / Issuer / Audience set by the driver): sub = student.</summary>
public static class Tokens
{
    public static string Create(string signingKey, string issuer, string audience, Guid student, TimeSpan lifetime)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "HS256", typ = "JWT" }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new
        {
            sub = student.ToString("D"), iss = issuer, aud = audience, iat = now, nbf = now - 60, exp = now + (long)lifetime.TotalSeconds,
        }));
        var signature = Base64Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), Encoding.ASCII.GetBytes(header + "." + payload)));
        return $"{header}.{payload}.{signature}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
