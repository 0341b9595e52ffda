namespace Goals.Lambda.Runtime;

internal static class Utf8Bom
{
    private static ReadOnlySpan<byte> Preamble => [0xEF, 0xBB, 0xBF];

    /// <summary>Utf8JsonReader rejects a BOM; Lambda never sends one but hand-made test events do.</summary>
    public static ReadOnlyMemory<byte> Strip(ReadOnlyMemory<byte> bytes) =>
        bytes.Span.StartsWith(Preamble) ? bytes[Preamble.Length..] : bytes;
}
