using Goals.Api.Jobs.Csv;

namespace Goals.Api.Tests.Jobs;

/// <summary>The RFC 4180 reader and writer of the CSV export and import (no database).</summary>
public sealed class CsvRecordTests
{
    private static async Task<List<(int Row, string[] Fields)>> ReadAll(string text, int bufferChunk = 0)
    {
        TextReader source = bufferChunk > 0 ? new TrickleReader(text, bufferChunk) : new StringReader(text);
        var reader = new CsvRecordReader(source);
        var records = new List<(int, string[])>();
        while (await reader.ReadAsync() is { } record) records.Add((reader.Row, record));
        return records;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]   // one character per read: quotes and CRLF split across buffer refills
    public async Task Quotes_embedded_line_breaks_and_CRLF_are_read_as_RFC_4180(int chunk)
    {
        var records = await ReadAll("id,text\r\n1,\"a, \"\"quoted\"\"\r\nline\"\r\n2,plain\n3,\"\"\n", chunk);
        Assert.Equal([1, 2, 3, 4], records.Select(r => r.Row));
        Assert.Equal(["id", "text"], records[0].Fields);
        Assert.Equal(["1", "a, \"quoted\"\r\nline"], records[1].Fields);
        Assert.Equal(["2", "plain"], records[2].Fields);
        Assert.Equal(["3", ""], records[3].Fields);
    }

    [Fact]
    public async Task Empty_fields_short_rows_blank_lines_and_a_missing_final_line_break()
    {
        var records = await ReadAll("a,b,c\n,,\n\nx\r\n\r\ny,z");
        Assert.Equal(["", "", ""], records[1].Fields);
        Assert.Equal(["x"], records[2].Fields);
        Assert.Equal(["y", "z"], records[3].Fields);
        Assert.Equal([1, 2, 4, 6], records.Select(r => r.Row));   // blank lines are skipped but counted
        Assert.Empty(await ReadAll(""));
        Assert.Empty(await ReadAll("\n\r\n"));
    }

    [Fact]
    public async Task Malformed_quotes_are_read_leniently_and_never_throw()
    {
        var records = await ReadAll("ab\"c,\"x\"tail,\"unterminated\nstill inside");
        var fields = Assert.Single(records).Fields;
        Assert.Equal(["ab\"c", "xtail", "unterminated\nstill inside"], fields);
    }

    [Fact]
    public async Task What_the_writer_writes_the_reader_reads_back()
    {
        string?[] fields = ["plain", "comma,here", "quote\"here", "line\nbreak", "cr\rlf", " leading", "trailing ", "", null];
        var text = new StringWriter();
        await using (var writer = new CsvRecordWriter(text))
        {
            writer.WriteRecord(fields);
            writer.WriteRecord(["second"]);
        }

        Assert.Equal("plain,\"comma,here\",\"quote\"\"here\",\"line\nbreak\",\"cr\rlf\",\" leading\",\"trailing \",,\r\nsecond\r\n", text.ToString());
        var records = await ReadAll(text.ToString());
        Assert.Equal(fields.Select(f => f ?? ""), records[0].Fields);
        Assert.Equal(["second"], records[1].Fields);
    }

    /// <summary>Hands out at most <c>chunk</c> characters per read.</summary>
    private sealed class TrickleReader(string text, int chunk) : TextReader
    {
        private int _position;

        public override int Read(char[] buffer, int index, int count)
        {
            var n = Math.Min(Math.Min(count, chunk), text.Length - _position);
            text.CopyTo(_position, buffer, index, n);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
        {
            var n = Math.Min(Math.Min(buffer.Length, chunk), text.Length - _position);
            text.AsSpan(_position, n).CopyTo(buffer.Span);
            _position += n;
            return ValueTask.FromResult(n);
        }
    }
}
