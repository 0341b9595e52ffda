using System.Text;

namespace Goals.Api.Jobs.Csv;

/// <summary>
/// Reads RFC 4180 records (comma, double quotes, "" for a quote inside quotes, CRLF or LF, line breaks inside quotes).
/// Lenient, as the import was with CsvHelper's BadDataFound off: a quote inside an unquoted field is text, text after a
/// closing quote is appended, an unterminated quote ends at the end of the file; blank lines are skipped; it never
/// throws on content.
/// </summary>
public sealed class CsvRecordReader(TextReader reader)
{
    private readonly char[] _buffer = new char[1 << 14];
    private readonly List<string> _fields = [];
    private readonly StringBuilder _field = new();
    private int _position;
    private int _length;

    /// <summary>The record last read, numbered from 1 (the header is 1), as CsvHelper's Parser.Row.</summary>
    public int Row { get; private set; }

    /// <summary>The next record's fields, or null at the end of the file.</summary>
    public async ValueTask<string[]?> ReadAsync(CancellationToken ct = default)
    {
        if (!await FillAsync(ct)) return null;
        _fields.Clear();
        _field.Clear();
        var quoted = false;
        var afterQuote = false;
        while (await FillAsync(ct))
        {
            var c = _buffer[_position++];
            if (quoted)
            {
                if (c != '"')
                {
                    _field.Append(c);
                }
                else if (await FillAsync(ct) && _buffer[_position] == '"')
                {
                    _field.Append('"');
                    _position++;
                }
                else
                {
                    quoted = false;
                    afterQuote = true;
                }
                continue;
            }

            switch (c)
            {
                case ',':
                    EndField();
                    afterQuote = false;
                    break;
                case '\r' or '\n':
                    if (c == '\r' && await FillAsync(ct) && _buffer[_position] == '\n') _position++;
                    if (_fields.Count == 0 && _field.Length == 0 && !afterQuote)
                    {
                        Row++;   // a blank line is skipped (CsvHelper's IgnoreBlankLines), but counted
                        continue;
                    }
                    return EndRecord();
                case '"' when _field.Length == 0 && !afterQuote:
                    quoted = true;
                    break;
                default:
                    _field.Append(c);
                    break;
            }
        }

        return _fields.Count == 0 && _field.Length == 0 && !afterQuote ? null : EndRecord();
    }

    private void EndField()
    {
        _fields.Add(_field.ToString());
        _field.Clear();
    }

    private string[] EndRecord()
    {
        EndField();
        Row++;
        return [.. _fields];
    }

    private async ValueTask<bool> FillAsync(CancellationToken ct)
    {
        if (_position < _length) return true;
        _length = await reader.ReadAsync(_buffer.AsMemory(), ct);
        _position = 0;
        return _length > 0;
    }
}
