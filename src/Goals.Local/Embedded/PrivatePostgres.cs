using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Goals.Local.Embedded;

/// <summary>
/// A PostgreSQL server private to this process, listening on 127.0.0.1 only (trust auth, no unix socket).
/// Throwaway mode (tests, benchmarks): temp cluster, deleted on dispose. Persistent mode (local run):
/// the cluster in <see cref="PrivatePostgresOptions.DataDirectory"/> is created once and reused.
/// No orphans: the server is started with a parent-death signal (dies with this process, even on
/// kill -9), and each throwaway cluster records its owner so leftovers of dead runs are reaped at start.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private const string Superuser = "postgres";
    private const string OwnerFileName = "owner";
    private readonly PostgresBinaries _binaries;
    private readonly ILogger _logger;
    private readonly string? _throwawayRoot;
    private readonly Process? _process;
    private readonly ServerLog? _log;
    private int _stopped;

    private PrivatePostgres(PostgresBinaries binaries, ILogger logger, string dataDirectory, string? throwawayRoot, int port, Process? process, ServerLog? log, string databaseName)
    {
        _binaries = binaries;
        _logger = logger;
        DataDirectory = dataDirectory;
        _throwawayRoot = throwawayRoot;
        Port = port;
        _process = process;
        _log = log;
        DatabaseName = databaseName;
    }

    public string DataDirectory { get; }
    public int Port { get; }
    public string DatabaseName { get; }

    /// <summary>Postmaster pid, or null when this instance attached to a server another live process started.</summary>
    public int? ProcessId => _process?.Id;

    /// <summary>True when the cluster is deleted on dispose.</summary>
    public bool IsThrowaway => _throwawayRoot is not null;

    public string ConnectionString => GetConnectionString(DatabaseName);

    public string GetConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Database = database,
    }.ConnectionString;

    public static Task<PrivatePostgres> StartThrowawayAsync(string databaseName = "goals", ILogger? logger = null, CancellationToken ct = default) =>
        StartAsync(new PrivatePostgresOptions { DatabaseName = databaseName }, logger, ct);

    public static Task<PrivatePostgres> StartPersistentAsync(string dataDirectory, string databaseName = "goals", ILogger? logger = null, CancellationToken ct = default) =>
        StartAsync(new PrivatePostgresOptions { DataDirectory = dataDirectory, DatabaseName = databaseName }, logger, ct);

    public static async Task<PrivatePostgres> StartAsync(PrivatePostgresOptions options, ILogger? logger = null, CancellationToken ct = default)
    {
        logger ??= NullLogger.Instance;
        var binaries = PostgresBinaries.Find();
        string dataDirectory;
        string? throwawayRoot = null;
        if (options.DataDirectory is null)
        {
            await ReapLeftoversOfDeadRunsAsync(binaries, logger, ct);
            throwawayRoot = Path.Combine(PrivatePostgresOptions.ThrowawayRoot, Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(throwawayRoot);
            await WriteOwnerFileAsync(throwawayRoot, ct);
            dataDirectory = Path.Combine(throwawayRoot, "data");
        }
        else
        {
            dataDirectory = Path.GetFullPath(options.DataDirectory);
        }

        try
        {
            var server = await StartClusterAsync(binaries, options, logger, dataDirectory, throwawayRoot, ct);
            await server.CreateDatabaseAsync(options.DatabaseName, ct);
            return server;
        }
        catch
        {
            if (throwawayRoot is not null)
            {
                TryDeleteDirectory(throwawayRoot);
            }
            throw;
        }
    }

    private static async Task<PrivatePostgres> StartClusterAsync(PostgresBinaries binaries, PrivatePostgresOptions options, ILogger logger, string dataDirectory, string? throwawayRoot, CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            await InitClusterAsync(binaries, dataDirectory, logger, ct);
        }
        else if (TryAttachToLiveServer(binaries, dataDirectory, logger, throwawayRoot, options.DatabaseName) is { } attached)
        {
            return attached;
        }

        var fast = options.FastUnsafeSettings ?? throwawayRoot is not null;
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            var log = new ServerLog();
            var process = await ServerProcesses.StartFromLongLivedThreadAsync(
                ServerProcesses.StartInfo(binaries.Postgres, ServerArguments(dataDirectory, port, fast, options.MaxConnections, options.Settings), dieWithParent: true));
            log.Attach(process);
            var server = new PrivatePostgres(binaries, logger, dataDirectory, throwawayRoot, port, process, log, options.DatabaseName);
            try
            {
                await server.WaitUntilAcceptingConnectionsAsync(options.StartTimeout, ct);
                logger.LogInformation("Private PostgreSQL started on 127.0.0.1:{Port} (pid {Pid}, data {DataDirectory})", port, process.Id, dataDirectory);
                return server;
            }
            catch (Exception e) when (attempt < 3 && process.HasExited && log.Text.Contains("could not bind", StringComparison.OrdinalIgnoreCase) && e is not OperationCanceledException)
            {
                logger.LogWarning("Port {Port} was taken before PostgreSQL could bind it; retrying on another port", port);
                process.Dispose();
            }
            catch
            {
                await server.StopServerAsync();
                throw;
            }
        }
    }

    private static List<string> ServerArguments(string dataDirectory, int port, bool fast, int maxConnections,
        IReadOnlyDictionary<string, string> settings)
    {
        List<string> args =
        [
            "-D", dataDirectory,
            "-c", $"port={port}",
            "-c", "listen_addresses=127.0.0.1",
            // No unix socket: nothing to clean up, no path-length limits, loopback TCP only.
            "-c", "unix_socket_directories=",
            "-c", $"max_connections={maxConnections}",
        ];
        if (fast)
        {
            args.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }
        foreach (var (name, value) in settings)
        {
            args.AddRange(["-c", $"{name}={value}"]);
        }
        return args;
    }

    private static async Task InitClusterAsync(PostgresBinaries binaries, string dataDirectory, ILogger logger, CancellationToken ct)
    {
        logger.LogInformation("Creating PostgreSQL cluster in {DataDirectory}", dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        await ServerProcesses.GiveToServiceUserAsync(dataDirectory, ct);
        await ServerProcesses.RunToCompletionAsync(binaries.InitDb,
            ["-D", dataDirectory, "-U", Superuser, "-E", "UTF8", "--locale=C", "--auth=trust", "--no-sync"], ct);
        // Trust, but only over loopback TCP (the server also listens on 127.0.0.1 only).
        await File.WriteAllTextAsync(Path.Combine(dataDirectory, "pg_hba.conf"),
            "# Private test/dev server: trust on loopback only.\nhost all all 127.0.0.1/32 trust\n", ct);
        await ServerProcesses.GiveToServiceUserAsync(dataDirectory, ct);
    }

    /// <summary>
    /// postmaster.pid left behind: if its process is a live postgres (another run of the app owns it),
    /// attach to it without owning it; if it is dead, remove the stale file so postgres can start.
    /// </summary>
    private static PrivatePostgres? TryAttachToLiveServer(PostgresBinaries binaries, string dataDirectory, ILogger logger, string? throwawayRoot, string databaseName)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }
        var lines = File.ReadAllLines(pidFile);
        if (lines.Length >= 4 && int.TryParse(lines[0], out var pid) && int.TryParse(lines[3], out var port) && ServerProcesses.IsAlive(pid, "postgres"))
        {
            logger.LogInformation("Reusing PostgreSQL already running on port {Port} (pid {Pid}) for {DataDirectory}", port, pid, dataDirectory);
            return new PrivatePostgres(binaries, logger, dataDirectory, throwawayRoot, port, process: null, log: null, databaseName);
        }
        logger.LogWarning("Removing stale {PidFile} (process {Pid} is gone)", pidFile, lines.FirstOrDefault());
        File.Delete(pidFile);
        return null;
    }

    private async Task WaitUntilAcceptingConnectionsAsync(TimeSpan timeout, CancellationToken ct)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(GetConnectionString("postgres")) { Pooling = false, Timeout = 2 }.ConnectionString;
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (_process is { HasExited: true })
            {
                throw new InvalidOperationException($"PostgreSQL exited with code {_process.ExitCode} during start:\n{_log?.Text}");
            }
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(ct);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
            {
                if (deadline.Elapsed > timeout)
                {
                    throw new TimeoutException($"PostgreSQL did not accept connections within {timeout}:\n{_log?.Text}", e);
                }
                await Task.Delay(50, ct);
            }
        }
    }

    /// <summary>Creates the database if it does not exist yet.</summary>
    public async Task CreateDatabaseAsync(string name, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(GetConnectionString("postgres")) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = name } } };
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(name)}", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Drops a database, disconnecting its sessions.</summary>
    public async Task DropDatabaseAsync(string name, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(GetConnectionString("postgres")) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {QuoteIdentifier(name)} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync(ct);
    }

    internal static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Stops the server this instance started (pg_ctl stop -m fast); deletes a throwaway cluster.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopServerAsync();
        if (_throwawayRoot is not null)
        {
            TryDeleteDirectory(_throwawayRoot);
        }
    }

    private async Task StopServerAsync()
    {
        if (_process is null || Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        try
        {
            if (!_process.HasExited)
            {
                await ServerProcesses.RunToCompletionAsync(_binaries.PgCtl, ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "30"], CancellationToken.None);
            }
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token);
            _logger.LogInformation("Private PostgreSQL on port {Port} stopped", Port);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "pg_ctl stop failed; killing PostgreSQL (pid {Pid})", _process.Id);
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    /// <summary>Stops servers and removes clusters of throwaway runs whose owning process is gone.</summary>
    private static async Task ReapLeftoversOfDeadRunsAsync(PostgresBinaries binaries, ILogger logger, CancellationToken ct)
    {
        if (!Directory.Exists(PrivatePostgresOptions.ThrowawayRoot))
        {
            return;
        }
        foreach (var root in Directory.GetDirectories(PrivatePostgresOptions.ThrowawayRoot))
        {
            if (OwnerIsAlive(root))
            {
                continue;
            }
            var pidFile = Path.Combine(root, "data", "postmaster.pid");
            if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid) && ServerProcesses.IsAlive(pid, "postgres"))
            {
                logger.LogWarning("Stopping orphaned private PostgreSQL (pid {Pid}) of a dead run in {Root}", pid, root);
                try
                {
                    await ServerProcesses.RunToCompletionAsync(binaries.PgCtl, ["stop", "-D", Path.Combine(root, "data"), "-m", "immediate", "-w", "-t", "10"], ct);
                }
                catch (InvalidOperationException e)
                {
                    logger.LogWarning(e, "Could not stop orphaned PostgreSQL in {Root}", root);
                    continue;
                }
            }
            TryDeleteDirectory(root);
        }
    }

    private static async Task WriteOwnerFileAsync(string root, CancellationToken ct)
    {
        var pid = Environment.ProcessId;
        await File.WriteAllTextAsync(Path.Combine(root, OwnerFileName), $"{pid} {ServerProcesses.StartTime(pid)}", ct);
        await ServerProcesses.GiveToServiceUserAsync(root, ct);
    }

    private static bool OwnerIsAlive(string root)
    {
        try
        {
            var parts = File.ReadAllText(Path.Combine(root, OwnerFileName)).Split(' ');
            var pid = int.Parse(parts[0], CultureInfo.InvariantCulture);
            return ServerProcesses.IsAlive(pid) && ServerProcesses.StartTime(pid)?.ToString(CultureInfo.InvariantCulture) == parts.ElementAtOrDefault(1);
        }
        catch (FileNotFoundException)
        {
            // Being created right now by another run, or not ours: leave it alone unless clearly old.
            return Directory.GetCreationTimeUtc(root) > DateTime.UtcNow.AddHours(-1);
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException)
        {
            return true;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort; a later run's reaper removes it.
        }
    }

    /// <summary>Keeps the last lines the server wrote, for start-up error messages.</summary>
    private sealed class ServerLog
    {
        private readonly Queue<string> _lines = new();

        public string Text
        {
            get
            {
                lock (_lines)
                {
                    return string.Join('\n', _lines);
                }
            }
        }

        public void Attach(Process process)
        {
            process.OutputDataReceived += (_, e) => Add(e.Data);
            process.ErrorDataReceived += (_, e) => Add(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        private void Add(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (_lines)
            {
                _lines.Enqueue(line);
                while (_lines.Count > 200)
                {
                    _lines.Dequeue();
                }
            }
        }
    }
}
