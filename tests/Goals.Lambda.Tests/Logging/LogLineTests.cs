using System.Text.Json;
using Goals.Lambda.Logging;
using Goals.Lambda.Runtime;
using Goals.Lambda.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Goals.Lambda.Tests.Logging;

/// <summary>The log lines an invocation writes carry what Lambda's JSON log format and an operator's query need.</summary>
public sealed class LogLineTests
{
    private const string TraceHeader = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    [Fact]
    public async Task Lines_written_while_an_invocation_runs_carry_its_request_id_trace_id_and_a_Lambda_level()
    {
        using var lines = new FormattedLines();
        await using (var emulator = await RuntimeApiEmulator.StartAsync())
        {
            using var client = new LambdaRuntimeClient(emulator.Address);
            var logger = lines.CreateLogger("Goals.Test");
            var loop = new LambdaRuntimeLoop(client, TestRuntimeOptions.Create(), logger);
            using var stop = new CancellationTokenSource();
            var run = loop.RunAsync(_ => Task.FromResult<ILambdaHandler>(new DelegateHandler(async (invocation, _) =>
            {
                await Task.Yield(); // the context must flow into the handler's continuations
                logger.LogInformation("Handling {Kind} with {Count} records", "test", 3);
                logger.LogCritical(new InvalidOperationException("disk full"), "Giving up");
                return invocation.Event;
            })), stop.Token);

            var result = await emulator.InvokeAsync("{}"u8.ToArray(), traceId: TraceHeader);
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(10));

            var info = lines.Single("Handling test with 3 records");
            Assert.Equal("INFO", info.GetProperty("level").GetString());
            Assert.Equal(result.RequestId, info.GetProperty("requestId").GetString());
            Assert.Equal("1-5759e988-bd862e3fe1be46a994272793", info.GetProperty("traceId").GetString());
            Assert.Equal(16, info.GetProperty("spanId").GetString()!.Length);
            Assert.Equal("test", info.GetProperty("Kind").GetString());
            Assert.Equal(3, info.GetProperty("Count").GetInt32());
            Assert.True(DateTimeOffset.TryParse(info.GetProperty("timestamp").GetString(), out _));

            var fatal = lines.Single("Giving up");
            Assert.Equal("FATAL", fatal.GetProperty("level").GetString());
            Assert.Contains("disk full", fatal.GetProperty("exception").GetString(), StringComparison.Ordinal);
            Assert.Equal(result.RequestId, fatal.GetProperty("requestId").GetString());
        }
    }

    [Theory]
    [InlineData(LogLevel.Trace, "TRACE")]
    [InlineData(LogLevel.Debug, "DEBUG")]
    [InlineData(LogLevel.Information, "INFO")]
    [InlineData(LogLevel.Warning, "WARN")]
    [InlineData(LogLevel.Error, "ERROR")]
    [InlineData(LogLevel.Critical, "FATAL")]
    public void Every_level_has_the_name_Lambda_filters_on(LogLevel level, string name) =>
        Assert.Equal(name, LambdaJsonConsoleFormatter.LevelName(level));

    [Fact]
    public void Line_outside_an_invocation_has_no_request_id()
    {
        using var lines = new FormattedLines();
        lines.CreateLogger("Goals.Test").LogWarning("Init phase {Phase} took {ElapsedMs} ms", "host-start", 12.5);

        var line = lines.Single("Init phase host-start took 12.5 ms");
        Assert.False(line.TryGetProperty("requestId", out _));
        Assert.Equal("WARN", line.GetProperty("level").GetString());
        Assert.Equal(12.5, line.GetProperty("ElapsedMs").GetDouble());
    }

    /// <summary>Runs each entry through the real formatter into a string, as the console provider would.</summary>
    private sealed class FormattedLines : ILoggerProvider
    {
        private readonly LambdaJsonConsoleFormatter _formatter = new();
        private readonly List<string> _lines = [];

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public JsonElement Single(string message)
        {
            lock (_lines)
            {
                return _lines.Select(l => JsonDocument.Parse(l).RootElement.Clone())
                    .Single(l => l.GetProperty("message").GetString() == message);
            }
        }

        public void Dispose()
        {
        }

        private sealed class Logger(FormattedLines owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                using var writer = new StringWriter();
                owner._formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), null, writer);
                lock (owner._lines) owner._lines.Add(writer.ToString().TrimEnd());
            }
        }
    }
}
