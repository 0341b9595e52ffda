using System.Collections.Concurrent;
using System.Diagnostics;
using Goals.Api.Tests.Infrastructure;

namespace Goals.Api.Tests;

/// <summary>Tracing: ASP.NET Core's request Activity, the app's "graphql.execute" under it, and one Npgsql Activity per SQL round trip.</summary>
[Collection(ApiCollection.Name)]
public sealed class TelemetryTests(DatabaseFixture database)
{
    [Fact]
    public async Task Graphql_execution_and_each_sql_round_trip_are_activities_of_the_request()
    {
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is Telemetry.SourceName or "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        await using var api = await TestApi.StartAsync(database);
        var token = api.Token(Guid.NewGuid());
        await GoalsApiTests.CreateGoalAsync(api, token, "Traced");
        activities.Clear();
        var operation = "Traced" + Guid.NewGuid().ToString("N");
        (await api.PostAsync($"query {operation} {{ goals {{ id tasks {{ id }} notes {{ id }} }} }}", token: token)).RequireData();

        var execute = Assert.Single(activities, a => a.OperationName == "graphql.execute" && (a.GetTagItem("graphql.operation.name") as string) == operation);
        Assert.Equal(1, execute.GetTagItem("db.round_trips"));
        var sql = activities.Where(a => a.Source.Name == "Npgsql" && a.ParentId == execute.Id).ToList();
        Assert.Single(sql); // goals, tasks and notes as one batch
    }
}
