using Goals.Local.Embedded;
using Goals.Data.Repositories;
using Goals.Data.Sessions;
using Goals.Data.Tests.Infrastructure;
using Goals.Data.Transactions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Goals.Data.Tests;

public sealed class DataSourceTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Connection_string_gets_lambda_defaults_application_name_and_tls_files()
    {
        var plain = new NpgsqlConnectionStringBuilder(GoalsDataSourceFactory.BuildConnectionString("Host=db1,db2,db3;Database=goals", Config()));
        Assert.Equal("goals-api", plain.ApplicationName);
        Assert.Equal(2, plain.MaxPoolSize);
        Assert.Equal("db1,db2,db3", plain.Host);

        var tls = new NpgsqlConnectionStringBuilder(GoalsDataSourceFactory.BuildConnectionString("Host=db;Maximum Pool Size=7;Application Name=worker", Config(
            ("Database:RootCertificate", "/certs/ca.crt"),
            ("Database:ClientCertificate", "/certs/client.crt"),
            ("Database:ClientKey", "/certs/client.key"))));
        Assert.Equal(SslMode.VerifyFull, tls.SslMode);
        Assert.Equal("/certs/ca.crt", tls.RootCertificate);
        Assert.Equal("/certs/client.crt", tls.SslCertificate);
        Assert.Equal("/certs/client.key", tls.SslKey);
        Assert.Equal(7, tls.MaxPoolSize);
        Assert.Equal("worker", tls.ApplicationName);

        var configured = new NpgsqlConnectionStringBuilder(GoalsDataSourceFactory.BuildConnectionString("Host=db", Config(("Database:MaxPoolSize", "5"))));
        Assert.Equal(5, configured.MaxPoolSize);
    }

    [Fact]
    public async Task A_statement_run_again_on_a_connection_is_prepared_there_unless_the_connection_string_says_otherwise()
    {
        Assert.Equal(1, await PreparedAfterRepeatsAsync(GoalsDataSourceFactory.BuildConnectionString(db.ConnectionString, Config())));
        Assert.Equal(0, await PreparedAfterRepeatsAsync(GoalsDataSourceFactory.BuildConnectionString(db.ConnectionString + ";Max Auto Prepare=0", Config())));

        static async Task<long> PreparedAfterRepeatsAsync(string connectionString)
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await using var connection = await dataSource.OpenConnectionAsync();
            for (var i = 0; i < GoalsDataSourceFactory.AutoPrepareMinUsages + 1; i++)
            {
                await using var repeated = new NpgsqlCommand("SELECT count(*) FROM goals WHERE student_id = @s", connection);
                repeated.Parameters.AddWithValue("s", Guid.NewGuid());
                await repeated.ExecuteScalarAsync();
            }

            await using var prepared = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%FROM goals WHERE student_id%'", connection);
            return (long)(await prepared.ExecuteScalarAsync())!;
        }
    }

    [Fact]
    public async Task Engine_is_detected_once_logged_and_warm_up_opens_a_connection()
    {
        using var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs));
        await using var dataSource = GoalsDataSourceFactory.Create(
            GoalsDataSourceFactory.BuildConnectionString(db.ConnectionString, Config()), loggerFactory);

        Assert.Null(dataSource.Engine);
        await dataSource.WarmUpAsync();
        var expected = (await db.ScalarAsync<string>("SELECT version()")).Contains("CockroachDB", StringComparison.Ordinal) ? DatabaseEngine.CockroachDB : DatabaseEngine.PostgreSQL;
        Assert.Equal(expected, dataSource.Engine);
        Assert.Equal(expected, await dataSource.GetEngineAsync());
        Assert.Single(logs.Entries, e => e.Message.StartsWith("Database engine detected: " + expected, StringComparison.Ordinal));
        Assert.Equal("goals-api", await ScalarOnAsync(dataSource, "SELECT current_setting('application_name')"));
    }

    [Fact]
    public async Task Factory_reads_the_connection_string_from_configuration()
    {
        await using var dataSource = GoalsDataSourceFactory.Create(Config((DatabaseOptions.ConnectionStringKey, db.ConnectionString)), NullLoggerFactory.Instance);
        Assert.Equal(1, await ScalarOnAsync(dataSource, "SELECT 1"));
        Assert.Throws<InvalidOperationException>(() => GoalsDataSourceFactory.Create(Config(), NullLoggerFactory.Instance));
    }

    [Fact]
    public async Task A_session_serializes_concurrent_commands_on_its_single_connection()
    {
        await using var session = db.OpenSession();
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => session.QueryValuesAsync<int>("SELECT @i + pg_backend_pid() * 0", new { i }))));
        Assert.Equal(Enumerable.Range(0, 20), results.Select(r => r[0]));
        Assert.Equal(20, session.RoundTrips);
        var pids = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => session.GetBackendProcessIdAsync()));
        Assert.Single(pids.Distinct());
    }

    [Fact]
    public async Task Embedded_database_prefers_the_configured_connection_string()
    {
        await using var external = await EmbeddedDatabase.StartAsync(Config((DatabaseOptions.ConnectionStringKey, db.ConnectionString)), NullLoggerFactory.Instance);
        Assert.Equal(db.ConnectionString, external.ConnectionString);
        Assert.Null(external.Server);
        Assert.Equal(db.ConnectionString, external.WithConnectionString(Config())[DatabaseOptions.ConnectionStringKey]);
    }

    [Fact]
    public async Task AddGoalsData_registers_one_data_source_and_no_sessions_which_their_unit_of_work_owns()
    {
        var services = new ServiceCollection()
            .AddSingleton(Config((DatabaseOptions.ConnectionStringKey, db.ConnectionString)))
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddGoalsData();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await using (var scope = provider.CreateAsyncScope())
        {
            Assert.Null(scope.ServiceProvider.GetService<DbSession>());
            await using var session = scope.ServiceProvider.GetRequiredService<GoalsDataSource>().OpenSession();
            var student = Guid.NewGuid();
            var goal = await scope.ServiceProvider.GetRequiredService<TransactionRunner>().RunAsync(session,
                (s, ct) => scope.ServiceProvider.GetRequiredService<GoalRepository>().CreateAsync(s, student, new NewGoal(GoalTypes.Career, "via DI"), TestLimits.None, ct), CancellationToken.None);
            Assert.Equal("via DI", goal.Title);
        }
        await using var second = provider.CreateAsyncScope();
        Assert.Same(provider.GetRequiredService<GoalsDataSource>(), second.ServiceProvider.GetRequiredService<GoalsDataSource>());
    }

    private static async Task<object?> ScalarOnAsync(GoalsDataSource dataSource, string sql)
    {
        await using var connection = await dataSource.DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
