using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Goals.Local.Auth;
using Goals.Api.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Goals.Api.Tests.Infrastructure;

/// <summary>
/// The real app pipeline on real Kestrel over loopback with serve's Kestrel limits (so a client hanging up is a real TCP
/// close, and framing, timeouts and request-line limits are Kestrel's), every log entry of Warning and above captured,
/// and its own application_name so a test can find, lock against or kill exactly this app's database connections.
/// </summary>
public sealed class KestrelApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KestrelApi(WebApplication app, CapturedLogs logs, Uri baseUrl, string applicationName)
    {
        _app = app;
        Logs = logs;
        BaseUrl = baseUrl;
        ApplicationName = applicationName;
    }

    public CapturedLogs Logs { get; }

    public Uri BaseUrl { get; }
    public Uri GraphQLUrl => new(BaseUrl, "/graphql");
    public string ApplicationName { get; }
    public IServiceProvider Services => _app.Services;

    public static Task<KestrelApi> StartAsync(DatabaseFixture database) => StartAsync(database.ConnectionString, poolSize: 4);

    public static async Task<KestrelApi> StartAsync(string connectionString, int poolSize, IDictionary<string, string?>? overrides = null)
    {
        var applicationName = "goals-test-" + Guid.NewGuid().ToString("N")[..8];
        var builder = GoalsApp.CreateBuilder([], "Testing");
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Goals"] = connectionString,
            ["Auth:SigningKey"] = TestApi.SigningKey,
            ["Auth:Issuer"] = TestApi.Issuer,
            ["Auth:Audience"] = TestApi.Audience,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Database:MaxPoolSize"] = poolSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Database:ApplicationName"] = applicationName,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        builder.Configuration.AddInMemoryCollection(settings);
        var logs = new CapturedLogs();
        builder.Logging.AddProvider(logs);
        GoalsApp.ConfigureServices(builder);
        builder.Services.AddGoalsKestrelLimits();
        var app = GoalsApp.Build(builder);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new KestrelApi(app, logs, new Uri(address), applicationName);
    }

    public string Token(Guid studentId) => DevelopmentTokens.Create(_app.Configuration, studentId, TimeSpan.FromMinutes(10), null);

    public HttpRequestMessage Request(string query, object? variables, Guid student)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, GraphQLUrl)
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(student));
        return request;
    }

    public async Task<GraphQLResponse> PostAsync(HttpClient http, string query, object? variables, Guid student, CancellationToken ct = default)
    {
        using var request = Request(query, variables, student);
        return await GraphQLResponse.ReadAsync(await http.SendAsync(request, ct));
    }

    /// <summary>The states of this app's server connections (pg_stat_activity), seen from a connection of the test's own.</summary>
    public async Task<IReadOnlyList<string>> ConnectionStatesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(state, '') FROM pg_stat_activity WHERE application_name = @name", connection);
        command.Parameters.AddWithValue("name", ApplicationName);
        var states = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) states.Add(reader.GetString(0));
        return states;
    }

    /// <summary>Terminates every server connection of this app; returns how many.</summary>
    public async Task<int> KillConnectionsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @name", connection);
        command.Parameters.AddWithValue("name", ApplicationName);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
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
