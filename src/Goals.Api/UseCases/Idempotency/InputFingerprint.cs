using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Goals.Api.UseCases.Idempotency;

/// <summary>A stable fingerprint of a create's input: the same idempotency key with a different input is a CONFLICT.
/// Recorded with the key, so the text it hashes must never change.</summary>
internal static class InputFingerprint
{
    public static string Of(string operation, params IEnumerable<object?> parts)
    {
        var text = string.Join("\u001f", parts.Select(p => p switch
        {
            null => "\u0000",
            DateTimeOffset d => d.UtcTicks.ToString(CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => p.ToString(),
        }));
        return operation + ":" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }
}
