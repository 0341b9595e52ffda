using System.Diagnostics;
using System.Text;
using Goals.Local.Auth;
using Goals.Api.Tests.Infrastructure;
using Goals.Local.Embedded;
using Goals.Data.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Goals.Api.Tests.Lambda;

/// <summary>
/// The BUILT app in Lambda mode, as Lambda starts it: `dotnet Goals.Api.dll` (the build output this test project
/// references, copied beside the tests; no nested build) with AWS_LAMBDA_RUNTIME_API pointing at a loopback Runtime API
/// emulator. One process per handler (api, worker), each with its own emulator, over one private PostgreSQL
/// migrated here. Production environment, as deployed, except for the token issuer: the tests sign their own HS256
/// tokens with a test key of its own (the template sets Auth__Authority).
/// </summary>
public sealed class LambdaApp : IAsyncLifetime
{
    private PrivatePostgres? _database;

    public string ConnectionString => _database?.ConnectionString ?? throw new InvalidOperationException("Not started.");

    public LambdaProcess Api { get; private set; } = null!;

    public LambdaProcess Worker { get; private set; } = null!;

    private static readonly IConfiguration TokenConfiguration = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = TestApi.SigningKey,
            ["Auth:Issuer"] = TestApi.Issuer,
            ["Auth:Audience"] = TestApi.Audience,
        })
        .Build();

    public static string Token(Guid studentId) => DevelopmentTokens.Create(TokenConfiguration, studentId, TimeSpan.FromMinutes(10));

    public async Task InitializeAsync()
    {
        _database = await PrivatePostgres.StartThrowawayAsync("goals_lambda_e2e");
        if (await MigrationCommand.RunAsync(_database.ConnectionString, NullLogger.Instance, CancellationToken.None) != MigrationCommand.Success)
        {
            throw new InvalidOperationException("Migrating the Lambda test database failed.");
        }

        var api = LambdaProcess.StartAsync("api", _database.ConnectionString);
        var worker = LambdaProcess.StartAsync("worker", _database.ConnectionString);
        Api = await api;
        Worker = await worker;
    }

    public async Task DisposeAsync()
    {
        if (Api is not null) await Api.DisposeAsync();
        if (Worker is not null) await Worker.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}

/// <summary>One `dotnet Goals.Api.dll` (or the bootstrap of GOALS_LAMBDA_BOOTSTRAP) in Lambda mode and its Runtime API emulator; output captured for the log assertions.</summary>
public sealed class LambdaProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private Process _process = null!;

    private LambdaProcess(RuntimeApiEmulator emulator) => Emulator = emulator;

    public RuntimeApiEmulator Emulator { get; }

    /// <summary>stdout + stderr so far (JSON console log lines, since stdout is redirected).</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Waits (bounded) for the process to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <summary>The app's build output beside the tests (the ProjectReference copies Goals.Api.dll with its deps/runtimeconfig).</summary>
    public static string AppPath => Path.Combine(AppContext.BaseDirectory, "Goals.Api.dll");

    /// <summary>Set (scripts/test.sh's Native AOT step): the path of an unpacked package's `bootstrap`, started instead
    /// of `dotnet Goals.Api.dll`, so the same tests run against that binary.</summary>
    public const string BootstrapVariable = "GOALS_LAMBDA_BOOTSTRAP";

    public static string? BootstrapPath => Environment.GetEnvironmentVariable(BootstrapVariable) is { Length: > 0 } path ? path : null;

    /// <param name="environment">Extra variables (a null value removes one).</param>
    public static async Task<LambdaProcess> StartAsync(string handler, string connectionString, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var emulator = await RuntimeApiEmulator.StartAsync();
        var lambda = new LambdaProcess(emulator);
        var info = new ProcessStartInfo(BootstrapPath ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (BootstrapPath is null) info.ArgumentList.Add(AppPath);
        foreach (var name in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_URLS" }) info.Environment.Remove(name);
        info.Environment["AWS_LAMBDA_RUNTIME_API"] = emulator.Address;
        info.Environment["_HANDLER"] = handler;
        info.Environment["ConnectionStrings__Goals"] = connectionString;
        info.Environment["Auth__SigningKey"] = TestApi.SigningKey;
        info.Environment["Auth__Issuer"] = TestApi.Issuer;
        info.Environment["Auth__Audience"] = TestApi.Audience;
        info.Environment["GraphQL__Ide"] = "false";
        info.Environment["Database__MaxPoolSize"] = "1"; // one connection: a request that leaked or dirtied it fails the next
        // A test machine shared by parallel builds starves the process far more than Lambda does: a cancelled statement gets
        // 2.2 s instead of production's 0.7 s to wind down before the loop answers for it (what is tested is the order of events).
        info.Environment[Goals.Lambda.Runtime.LambdaRuntimeOptions.CancellationMarginVariable] = "2500";
        info.Environment[Goals.Lambda.Runtime.LambdaRuntimeOptions.ResponseMarginVariable] = "300";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) info.Environment.Remove(name);
            else info.Environment[name] = value;
        }

        lambda._process = new Process { StartInfo = info };
        DataReceivedEventHandler append = (_, e) =>
        {
            if (e.Data is not null) lock (lambda._output) lambda._output.AppendLine(e.Data);
        };
        lambda._process.OutputDataReceived += append;
        lambda._process.ErrorDataReceived += append;
        lambda._process.Start();
        lambda._process.BeginOutputReadLine();
        lambda._process.BeginErrorReadLine();
        return lambda;
    }

    /// <summary>Sends one event through the emulator and returns what the app posted back.</summary>
    public async Task<InvocationResult> InvokeAsync(byte[] evt, TimeSpan? timeout = null, string? traceId = null)
    {
        var invocation = Emulator.InvokeAsync(evt, timeout, traceId);
        if (await Task.WhenAny(invocation, _process.WaitForExitAsync()) != invocation)
        {
            throw new InvalidOperationException($"The Lambda process exited ({_process.ExitCode}) before answering:\n{Output}");
        }

        return await invocation;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        await Emulator.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class LambdaAppCollection : ICollectionFixture<LambdaApp>
{
    public const string Name = "lambda app";
}
