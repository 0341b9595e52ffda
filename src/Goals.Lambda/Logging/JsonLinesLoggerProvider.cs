using System.Buffers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Goals.Lambda.Logging;

/// <summary>
/// The JSON log lines of <see cref="LambdaJsonConsoleFormatter"/> written to a stream (stdout) through a
/// <see cref="BatchedLineWriter"/>: formatted as UTF-8 on the caller's thread into a reused buffer, copied once, written in
/// batches. Level filtering is the logging framework's ("Logging:LogLevel", and "Logging:Console:LogLevel" by the alias).
/// </summary>
[ProviderAlias("Console")]
public sealed class JsonLinesLoggerProvider(Stream output) : ILoggerProvider
{
    private readonly BatchedLineWriter _writer = new(output);

    public ILogger CreateLogger(string categoryName) => new JsonLinesLogger(categoryName, _writer);

    public void Dispose() => _writer.Dispose();

    private sealed class JsonLinesLogger(string category, BatchedLineWriter writer) : ILogger
    {
        [ThreadStatic]
        private static ArrayBufferWriter<byte>? _threadLine;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var line = _threadLine ??= new ArrayBufferWriter<byte>(1024);
            line.ResetWrittenCount();
            if (LambdaJsonConsoleFormatter.TryWriteLine(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), line))
                writer.Append(line.WrittenSpan);
            if (line.Capacity > 64 * 1024) _threadLine = null; // a huge line (an exception) does not pin its buffer to the thread
        }
    }
}
