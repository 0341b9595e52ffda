using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Goals.Api.Jobs.Kinds;

/// <summary>
/// Streams the goals of a JSON import (<c>{"goals":[…]}</c> or a top-level array) one element at a time with the line
/// each starts on, holding only the current element in memory (the buffer grows only for one huge goal). The first
/// <c>skip</c> goals (what a resumed import committed before) are only stepped over, never parsed into a document.
/// </summary>
internal static class JsonGoalReader
{
    public readonly record struct Element(int Line, JsonElement Goal, long BytesRead);

    public static async IAsyncEnumerable<Element> ReadAsync(Stream stream, long skip, [EnumeratorCancellation] CancellationToken ct)
    {
        var buffer = new byte[1 << 16];
        var filled = 0;
        var eof = false;
        var cursor = new Cursor { Line = 1, State = new JsonReaderState(), Skip = skip };
        long bytesRead = 0;
        var found = new List<(int Line, JsonElement Goal)>();
        while (true)
        {
            if (!eof)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(filled), ct);
                if (n == 0) eof = true;
                filled += n;
                bytesRead += n;
            }

            found.Clear();
            var consumed = Parse(buffer.AsSpan(0, filled), eof, ref cursor, found);
            foreach (var (line, goal) in found) yield return new Element(line, goal, bytesRead - (filled - consumed));
            Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
            filled -= consumed;
            if (cursor.Phase == Phase.Done) yield break;
            if (eof && consumed == 0) throw new ImportFormatException(cursor.Line, "The JSON ends before the goals array is closed.");
            if (filled == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
        }
    }

    private enum Phase { Root, GoalsProperty, InArray, Done }

    private struct Cursor
    {
        public Phase Phase;
        public int Line;
        public JsonReaderState State;
        /// <summary>Goals still to step over without parsing them.</summary>
        public long Skip;
    }

    /// <summary>Reads whole tokens/elements from the span; returns the bytes consumed (the rest waits for more data).</summary>
    private static int Parse(ReadOnlySpan<byte> span, bool final, ref Cursor cursor, List<(int, JsonElement)> found)
    {
        var reader = new Utf8JsonReader(span, final, cursor.State);
        var committed = 0;
        try
        {
            while (cursor.Phase != Phase.Done)
            {
                var before = reader;
                if (!reader.Read()) break;
                switch (cursor.Phase)
                {
                    case Phase.Root when reader.TokenType == JsonTokenType.StartArray && reader.CurrentDepth == 0:
                        cursor.Phase = Phase.InArray;
                        break;
                    case Phase.Root when reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == 0:
                        break;
                    case Phase.Root when reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1:
                        if (reader.ValueTextEquals("goals"u8)) cursor.Phase = Phase.GoalsProperty;
                        else if (!SkipValue(ref reader, ref before)) goto incomplete;
                        break;
                    case Phase.Root when reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0:
                        throw new ImportFormatException(cursor.Line, "The JSON has no \"goals\" array.");
                    case Phase.GoalsProperty when reader.TokenType == JsonTokenType.StartArray:
                        cursor.Phase = Phase.InArray;
                        break;
                    case Phase.InArray when reader.TokenType == JsonTokenType.EndArray:
                        cursor.Phase = Phase.Done;
                        break;
                    case Phase.InArray when reader.TokenType == JsonTokenType.StartObject:
                        var start = (int)reader.TokenStartIndex;
                        if (!reader.TrySkip())
                        {
                            reader = before;
                            goto incomplete;
                        }

                        if (cursor.Skip > 0)
                        {
                            cursor.Skip--;
                            break;
                        }

                        var line = cursor.Line + Lines(span[committed..start]);
                        using (var document = JsonDocument.Parse(span[start..(int)reader.BytesConsumed].ToArray()))
                        {
                            found.Add((line, document.RootElement.Clone()));
                        }

                        break;
                    case Phase.InArray:
                        throw new ImportFormatException(cursor.Line + Lines(span[committed..(int)reader.TokenStartIndex]), "Each goal must be a JSON object.");
                    default:
                        throw new ImportFormatException(cursor.Line, "The JSON must be {\"goals\":[...]} or an array of goals.");
                }

                var next = (int)reader.BytesConsumed;
                cursor.Line += Lines(span[committed..next]);
                committed = next;
                cursor.State = reader.CurrentState;
            }
        }
        catch (JsonException e)
        {
            throw new ImportFormatException(cursor.Line + (int)(e.LineNumber ?? 0), "The file is not valid JSON: " + e.Message);
        }

        incomplete:
        return committed;
    }

    /// <summary>Skips the value after a property name; false (reader restored) when it is not complete in the buffer yet.</summary>
    private static bool SkipValue(ref Utf8JsonReader reader, ref Utf8JsonReader before)
    {
        if (reader.TrySkip()) return true;
        reader = before;
        return false;
    }

    private static int Lines(ReadOnlySpan<byte> bytes) => bytes.Count((byte)'\n');
}

/// <summary>The file as a whole cannot be read (not JSON, no goals array, a zip without goals.csv, ...).</summary>
public sealed class ImportFormatException(int line, string message) : Exception(message)
{
    public int Line { get; } = line;
}
