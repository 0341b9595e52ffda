using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;

namespace Goals.Api.Http;

/// <summary>
/// ASP.NET Core's query parsing keeps an invalid percent-encoded UTF-8 sequence (e.g. %FF) as literal text instead of
/// failing; GraphQL requests must not be read that way, so the raw query string is checked first.
/// </summary>
internal static class PercentEncoding
{
    public static bool DecodesToUtf8(string raw)
    {
        if (!raw.Contains('%')) return true; // Kestrel already decoded any raw bytes of the request target as UTF-8
        var bytes = new List<byte>(raw.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '%' && i + 2 < raw.Length && IsHex(raw[i + 1]) && IsHex(raw[i + 2]))
            {
                bytes.Add(byte.Parse(raw.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                i += 2;
            }
            else if (c < 0x80)
            {
                bytes.Add((byte)c);
            }
            else
            {
                var length = char.IsHighSurrogate(c) && i + 1 < raw.Length ? 2 : 1;
                var written = Encoding.UTF8.GetBytes(raw.AsSpan(i, length), utf8);
                for (var b = 0; b < written; b++) bytes.Add(utf8[b]);
                i += length - 1;
            }
        }

        return Utf8.IsValid(CollectionsMarshal.AsSpan(bytes));
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}
