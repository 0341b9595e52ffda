using Goals.Data.Sessions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Goals.Data;

/// <summary>The process-wide connection pool plus what we learn about the server once (its engine).</summary>
public sealed class GoalsDataSource : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly ILogger _sessionLogger;
    private readonly object _gate = new();
    private Task<DatabaseEngine>? _engine;

    public GoalsDataSource(NpgsqlDataSource dataSource, ILoggerFactory loggerFactory)
    {
        DataSource = dataSource;
        LoggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<GoalsDataSource>();
        _sessionLogger = loggerFactory.CreateLogger<DbSession>();
    }

    public NpgsqlDataSource DataSource { get; }

    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The engine if already detected (after <see cref="GetEngineAsync"/> or <see cref="WarmUpAsync"/>).</summary>
    public DatabaseEngine? Engine => _engine is { IsCompletedSuccessfully: true } done ? done.Result : null;

    /// <summary>Detects the engine on first call (one query), then answers from memory.</summary>
    public Task<DatabaseEngine> GetEngineAsync(CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (_engine is null || _engine.IsFaulted || _engine.IsCanceled)
            {
                _engine = DetectEngineAsync(ct);
            }
            return _engine;
        }
    }

    /// <summary>Cold start: opens one connection (loads Npgsql type info) and detects the engine.</summary>
    public async Task WarmUpAsync(CancellationToken ct = default)
    {
        await GetEngineAsync(ct);
    }

    /// <summary>A per-request session holding at most one connection.</summary>
    public DbSession OpenSession() => new(DataSource, _sessionLogger);

    private async Task<DatabaseEngine> DetectEngineAsync(CancellationToken ct)
    {
        // Through a session, so that a pooled connection the server dropped is replaced like for any other read.
        await using var session = OpenSession();
        var version = await session.QueryValueAsync<string>("SELECT version()", ct: ct) ?? "";
        var engine = version.Contains("CockroachDB", StringComparison.OrdinalIgnoreCase) ? DatabaseEngine.CockroachDB : DatabaseEngine.PostgreSQL;
        _logger.LogInformation("Database engine detected: {Engine} ({Version})", engine, version);
        return engine;
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
