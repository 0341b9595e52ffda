using System.Buffers;
using System.Text;

namespace Goals.Api.Schema;

/// <summary>Text length as PostgreSQL/CockroachDB char_length counts it in a UTF-8 database: Unicode scalar values.</summary>
internal static class UnicodeText
{
    /// <summary>The number of scalar values, or null when the text holds a lone surrogate (not storable as UTF-8).</summary>
    public static int? ScalarCount(string text)
    {
        var count = 0;
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out _, out var consumed) != OperationStatus.Done) return null;
            rest = rest[consumed..];
            count++;
        }

        return count;
    }
}
