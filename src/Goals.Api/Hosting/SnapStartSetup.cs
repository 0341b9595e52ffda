using System.Text;
using Goals.Data;
using Goals.Lambda.Hosting;
using Goals.Lambda.SnapStart;

namespace Goals.Api.Hosting;

/// <summary>
/// SnapStart (managed dotnet runtime only): the api handler serves a few anonymous <c>{ __typename }</c> requests before
/// the snapshot so the pipeline's JIT is in it; pooled connections are dropped before the snapshot (a copied socket is
/// dead, and shared by every restored copy) and one fresh connection is opened after restore.
/// </summary>
internal static class SnapStartSetup
{
    public static void AddGoalsSnapStart(this IServiceCollection services, string? handlerName)
    {
        services.AddSingleton<ILambdaSnapshotHook, DatabaseSnapshotHook>();
        if (handlerName == LambdaHandlerNames.Api)
        {
            services.AddSingleton(new LambdaSnapStartOptions { WarmUpEvents = [WarmUpEvent()] });
        }
    }

    /// <summary>An HTTP API (payload 2.0) POST /graphql without a token: answered by the schema, no data access.</summary>
    private static byte[] WarmUpEvent() => Encoding.UTF8.GetBytes("""
        {"version":"2.0","routeKey":"$default","rawPath":"/graphql","rawQueryString":"",
         "headers":{"content-type":"application/json","accept":"application/graphql-response+json"},
         "requestContext":{"http":{"method":"POST","path":"/graphql","protocol":"HTTP/1.1","sourceIp":"127.0.0.1"},"requestId":"snapstart-warm-up","stage":"$default"},
         "body":"{\"query\":\"{ __typename }\"}","isBase64Encoded":false}
        """);

    private sealed class DatabaseSnapshotHook(GoalsDataSource dataSource) : ILambdaSnapshotHook
    {
        public Task BeforeSnapshotAsync(CancellationToken cancellationToken)
        {
            dataSource.DataSource.Clear();
            return Task.CompletedTask;
        }

        public async Task AfterRestoreAsync(CancellationToken cancellationToken)
        {
            await using var connection = await dataSource.DataSource.OpenConnectionAsync(cancellationToken);
        }
    }
}
