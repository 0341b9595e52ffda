using System.Collections.Concurrent;
using Goals.Api.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Goals.Api.Tests.Infrastructure;

/// <summary>
/// The real app pipeline on a real Kestrel (loopback, free port) with serve's Kestrel limits, over the shared private
/// PostgreSQL, every log entry of Warning and above captured: for what TestServer cannot show (framing, timeouts,
/// request-line limits, what gets logged).
/// </summary>
public sealed class KestrelApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KestrelApi(WebApplication app, CapturedLogs logs, Uri baseUrl)
    {
        _app = app;
        Logs = logs;
        BaseUrl = baseUrl;
    }

    public CapturedLogs Logs { get; }
    public Uri BaseUrl { get; }
    public Uri GraphQLUrl => new(BaseUrl, "/graphql");

    public static async Task<KestrelApi> StartAsync(DatabaseFixture database)
    {
        var builder = GoalsApp.CreateBuilder([], "Testing");
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Goals"] = database.ConnectionString,
            ["Auth:SigningKey"] = TestApi.SigningKey,
            ["Auth:AllowSymmetricSigningKey"] = "true",
            ["Auth:Issuer"] = TestApi.Issuer,
            ["Auth:Audience"] = TestApi.Audience,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Database:MaxPoolSize"] = "4",
        });
        var logs = new CapturedLogs();
        builder.Logging.AddProvider(logs);
        GoalsApp.ConfigureServices(builder);
        builder.Services.AddGoalsKestrelLimits();
        var app = GoalsApp.Build(builder);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new KestrelApi(app, logs, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Every log entry that passes the configured filter (here: Warning and above), with its exception if any.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public sealed record Entry(string Category, LogLevel Level, string Message, Exception? Exception)
    {
        public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? "" : "\n" + Exception)}";
    }

    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => _entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), exception));
    }
}
