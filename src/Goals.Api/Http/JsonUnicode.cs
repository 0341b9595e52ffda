using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace Goals.Api.Http;

/// <summary>
/// Checks a JSON text for what <see cref="JsonDocument"/> accepts but cannot turn into .NET strings later (it throws
/// InvalidOperationException then): invalid UTF-8 inside strings and \u escapes of lone surrogates. One forward pass
/// with <see cref="Utf8JsonReader"/>, which also reports syntax errors.
/// </summary>
internal static class JsonUnicode
{
    public enum Problem { None, Syntax, InvalidUtf8, LoneSurrogate }

    public static Problem Check(ReadOnlySequence<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName)) continue;
                var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
                if (!Utf8.IsValid(raw)) return Problem.InvalidUtf8;
                if (reader.ValueIsEscaped && !Unescapes(ref reader)) return Problem.LoneSurrogate;
            }
        }
        catch (JsonException)
        {
            return Problem.Syntax;
        }

        return Problem.None;
    }

    /// <summary>With the raw bytes valid UTF-8, unescaping can only fail on a \u escape of a lone surrogate.</summary>
    private static bool Unescapes(ref Utf8JsonReader reader)
    {
        try
        {
            _ = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
