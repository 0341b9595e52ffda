using System.Text;

namespace Goals.Lambda.Gateway;

/// <summary>
/// Gateways hand us paths that may be decoded (spaces) or still encoded (<c>%2F</c>). Like Kestrel we keep
/// the request target escaped (<c>RawTarget</c>) and decode <c>Path</c> except for <c>%2F</c>, so an encoded
/// slash never turns into a path separator.
/// </summary>
internal static class GatewayPath
{
    private const string AllowedInPath = "-._~!$&'()*+,;=:@/";

    /// <summary>Percent-encodes what may not appear in a path; existing <c>%XX</c> escapes are kept.</summary>
    public static string Escape(string path)
    {
        var builder = new StringBuilder(path.Length + 8);
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (char.IsAsciiLetterOrDigit(c) || AllowedInPath.Contains(c, StringComparison.Ordinal) || IsEscape(path, i))
            {
                builder.Append(c);
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < path.Length ? 2 : 1;
            foreach (var b in Encoding.UTF8.GetBytes(path.Substring(i, length)))
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }

            i += length - 1;
        }

        return builder.ToString();
    }

    /// <summary>Decodes an escaped path, leaving <c>%2F</c> encoded.</summary>
    public static string Decode(string escapedPath)
    {
        var bytes = new List<byte>(escapedPath.Length);
        for (var i = 0; i < escapedPath.Length; i++)
        {
            if (IsEscape(escapedPath, i) && !IsEncodedSlash(escapedPath, i))
            {
                bytes.Add(Convert.ToByte(escapedPath.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add((byte)escapedPath[i]);
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool IsEscape(string s, int i) =>
        s[i] == '%' && i + 2 < s.Length && char.IsAsciiHexDigit(s[i + 1]) && char.IsAsciiHexDigit(s[i + 2]);

    private static bool IsEncodedSlash(string s, int i) => s[i + 1] == '2' && (s[i + 2] == 'F' || s[i + 2] == 'f');
}
