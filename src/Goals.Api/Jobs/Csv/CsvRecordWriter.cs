using System.Text;

namespace Goals.Api.Jobs.Csv;

/// <summary>
/// Writes RFC 4180 records with CRLF line ends. A field is quoted (quotes doubled) when it holds a comma, a quote, a
/// line break, or starts or ends with a space: the output CsvHelper wrote before.
/// </summary>
public sealed class CsvRecordWriter : IAsyncDisposable, IDisposable
{
    private readonly TextWriter _writer;

    /// <summary>Writes to <paramref name="writer"/>, which it then owns (disposes).</summary>
    public CsvRecordWriter(TextWriter writer) => _writer = writer;

    /// <summary>Writes a new UTF-8 file (no byte order mark) at <paramref name="path"/>.</summary>
    public CsvRecordWriter(string path) => _writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);

    public void WriteRecord(IEnumerable<string?> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first) _writer.Write(',');
            first = false;
            Write(field ?? "");
        }
        _writer.Write("\r\n");
    }

    private void Write(string field)
    {
        if (field.Length == 0 || (field.AsSpan().IndexOfAny(",\"\r\n") < 0 && field[0] != ' ' && field[^1] != ' '))
        {
            _writer.Write(field);
            return;
        }
        _writer.Write('"');
        _writer.Write(field.Replace("\"", "\"\"", StringComparison.Ordinal));
        _writer.Write('"');
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    public void Dispose() => _writer.Dispose();
}
