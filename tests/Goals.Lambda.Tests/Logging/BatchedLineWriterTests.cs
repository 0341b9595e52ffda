using System.Text;
using System.Text.Json;
using Goals.Lambda.Logging;
using Microsoft.Extensions.Logging;

namespace Goals.Lambda.Tests.Logging;

/// <summary>
/// The JSON log lines as the app writes them to stdout: whole lines only, none lost or duplicated under concurrent
/// logging, pending lines written at shutdown, lines that arrive while a write is in progress written together in the
/// next one, and a bounded backlog whose overflow is counted and reported instead of growing memory.
/// </summary>
public sealed class BatchedLineWriterTests
{
    [Fact]
    public void Lines_logged_from_many_threads_arrive_whole_and_exactly_once()
    {
        var output = new RecordingStream();
        using (var provider = new JsonLinesLoggerProvider(output))
        {
            var logger = provider.CreateLogger("Goals.Test");
            Parallel.For(0, 8, thread =>
            {
                for (var i = 0; i < 2000; i++) logger.LogInformation("line {Thread} {Index}", thread, i);
            });
        }

        var lines = output.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(16_000, lines.Length);
        var keys = lines.Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            return (json.RootElement.GetProperty("Thread").GetInt32(), json.RootElement.GetProperty("Index").GetInt32());
        }).ToHashSet();
        Assert.Equal(16_000, keys.Count);
    }

    [Fact]
    public void A_line_logged_just_before_shutdown_is_written()
    {
        var output = new RecordingStream();
        using (var provider = new JsonLinesLoggerProvider(output))
        {
            provider.CreateLogger("Goals.Test").LogWarning("last words");
        }

        Assert.Contains("\"message\":\"last words\"", output.Text, StringComparison.Ordinal);
        Assert.True(output.Disposed);
    }

    [Fact]
    public void Lines_that_arrive_during_a_write_go_out_together_in_the_next_write()
    {
        var output = new RecordingStream { Gate = new ManualResetEventSlim(false) };
        using (var writer = new BatchedLineWriter(output))
        {
            writer.Append("first\n"u8);
            Assert.True(output.WriteStarted.Wait(TimeSpan.FromSeconds(10)));
            for (var i = 0; i < 1000; i++) writer.Append(Encoding.UTF8.GetBytes($"line {i}\n"));
            output.Gate.Set();
        }

        Assert.Equal(1001, output.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.InRange(output.Writes, 2, 3); // the blocked first line, then the 1000 in one batch (a third only if timing splits it)
    }

    [Fact]
    public void A_backlog_past_the_bound_drops_lines_and_says_how_many()
    {
        var output = new RecordingStream { Gate = new ManualResetEventSlim(false) };
        var line = Encoding.UTF8.GetBytes(new string('x', 1023) + "\n");
        long dropped;
        using (var writer = new BatchedLineWriter(output))
        {
            writer.Append("first\n"u8);
            Assert.True(output.WriteStarted.Wait(TimeSpan.FromSeconds(10)));
            for (var i = 0; i < BatchedLineWriter.MaxPendingBytes / line.Length + 100; i++) writer.Append(line);
            dropped = writer.DroppedLines;
            output.Gate.Set();
        }

        Assert.InRange(dropped, 100, 101);
        Assert.Contains($"{dropped} log lines dropped", output.Text, StringComparison.Ordinal);
    }

    /// <summary>Records what is written; with a <see cref="Gate"/>, the first write blocks until it is set.</summary>
    private sealed class RecordingStream : Stream
    {
        private readonly MemoryStream _written = new();

        public ManualResetEventSlim? Gate { get; init; }

        public ManualResetEventSlim WriteStarted { get; } = new(false);

        public int Writes { get; private set; }

        public bool Disposed { get; private set; }

        public string Text => Encoding.UTF8.GetString(_written.ToArray());

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            WriteStarted.Set();
            if (Writes == 0) Gate?.Wait(TimeSpan.FromSeconds(30));
            Writes++;
            _written.Write(buffer);
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Flush()
        {
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            if (disposing)
            {
                _written.Dispose();
                WriteStarted.Dispose();
            }

            base.Dispose(disposing);
        }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _written.Length;

        public override long Position { get => _written.Position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
