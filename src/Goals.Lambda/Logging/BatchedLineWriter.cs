using System.Buffers;

namespace Goals.Lambda.Logging;

/// <summary>
/// Log lines to a stream (stdout) from one background thread, in batches: a caller only copies its line into the pending
/// buffer under a short lock, and wakes the writer only when no wake-up is outstanding, so under load one write call
/// carries every line that arrived meanwhile (the console logger's queue wakes its thread and writes once per line).
/// Pending bytes are bounded: past <see cref="MaxPendingBytes"/> lines are dropped and counted, and the count is
/// reported in the stream. The writer owns the stream; Dispose writes what is pending, then closes it.
/// </summary>
public sealed class BatchedLineWriter : IDisposable
{
    public const int MaxPendingBytes = 16 * 1024 * 1024;

    private readonly Stream _output;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Thread _thread;
    private ArrayBufferWriter<byte> _pending = new(64 * 1024);
    private ArrayBufferWriter<byte> _writing = new(64 * 1024);
    private bool _wakeOutstanding;
    private long _dropped;
    private volatile bool _stopping;

    public BatchedLineWriter(Stream output)
    {
        _output = output;
        _thread = new Thread(WriteLoop) { IsBackground = true, Name = "goals-log-writer" };
        _thread.Start();
    }

    /// <summary>Lines lost because the writer fell <see cref="MaxPendingBytes"/> behind.</summary>
    public long DroppedLines => Interlocked.Read(ref _dropped);

    /// <param name="line">Whole lines, each ending with '\n'.</param>
    public void Append(ReadOnlySpan<byte> line)
    {
        bool wake;
        lock (_lock)
        {
            if (_pending.WrittenCount + line.Length > MaxPendingBytes)
            {
                _dropped++;
                return;
            }

            _pending.Write(line);
            wake = !_wakeOutstanding;
            _wakeOutstanding = true;
        }

        if (wake) _wake.Release();
    }

    private void WriteLoop()
    {
        while (true)
        {
            _wake.Wait();
            WritePending();
            if (_stopping) return;
        }
    }

    private void WritePending()
    {
        ArrayBufferWriter<byte> batch;
        long dropped;
        lock (_lock)
        {
            batch = _pending;
            _pending = _writing;
            _writing = batch;
            _wakeOutstanding = false;
            dropped = _dropped;
            _dropped = 0;
        }

        try
        {
            if (batch.WrittenCount > 0) _output.Write(batch.WrittenSpan);
            if (dropped > 0) _output.Write(System.Text.Encoding.UTF8.GetBytes($"{{\"level\":\"WARN\",\"message\":\"{dropped} log lines dropped: the log writer fell behind\"}}\n"));
            _output.Flush();
        }
        catch (IOException)
        {
            // stdout is gone (the reader went away): nothing can be reported anywhere.
        }
        finally
        {
            batch.ResetWrittenCount();
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _wake.Release();
        if (!_thread.Join(TimeSpan.FromSeconds(2))) return; // a stuck stdout: do not hang the shutdown
        WritePending(); // lines logged after the thread's last batch
        _output.Dispose();
        _wake.Dispose();
    }
}
