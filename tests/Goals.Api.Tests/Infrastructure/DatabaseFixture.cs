using Goals.Local.Embedded;
using Goals.Data.Migrations;
using Microsoft.Extensions.Logging.Abstractions;

namespace Goals.Api.Tests.Infrastructure;

/// <summary>One throwaway private PostgreSQL (the data layer's), migrated once, shared by every test of the assembly.
/// Tests stay independent by using fresh student ids.</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    private PrivatePostgres? _server;

    public string ConnectionString => _server?.ConnectionString ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _server = await PrivatePostgres.StartThrowawayAsync("goals_api_tests");
        var exit = await MigrationCommand.RunAsync(_server.ConnectionString, NullLogger.Instance, CancellationToken.None);
        if (exit != MigrationCommand.Success) throw new InvalidOperationException("Migrating the test database failed.");
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<DatabaseFixture>
{
    public const string Name = "api";
}
