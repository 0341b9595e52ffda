using System.Text.Json;
using Npgsql;

namespace LoadBench;

/// <summary>
/// The HTTP ceiling: the API's stack (ASP.NET Core on Kestrel + Npgsql, pool 16) without GraphQL, auth or logging.
/// POST /graphql with the benchmark's GraphQL body (the student in x-student-id): the query text picks the workload's
/// ONE SQL statement, whose finished JSON body is copied to the response. The most this stack can do per request.
/// </summary>
public static class HttpCeiling
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var connectionString = Environment.GetEnvironmentVariable("CEILING_DB") ?? throw new InvalidOperationException("CEILING_DB is not set.");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        app.MapPost("/graphql", async (HttpContext context) =>
        {
            var student = Guid.Parse(context.Request.Headers["x-student-id"].ToString());
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            var workload = Workload.ByOperation(body.RootElement.GetProperty("query").GetString() ?? "");
            var goal = workload.NeedsGoal ? body.RootElement.GetProperty("variables").GetProperty("goalId").GetGuid() : Guid.Empty;
            await using var command = CeilingSql.Command(dataSource, workload, new BenchRequest(student, goal));
            var text = (string)(await command.ExecuteScalarAsync(context.RequestAborted))!;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(text, context.RequestAborted);
        });
        app.MapGet("/health", () => "ok");
        await app.RunAsync();
        return 0;
    }
}

/// <summary>The ceilings' one statement per request, parameterized by the student (and the goal for Q2).</summary>
public static class CeilingSql
{
    public static NpgsqlCommand Command(NpgsqlDataSource dataSource, Workload workload, BenchRequest request)
    {
        var command = dataSource.CreateCommand(workload.CeilingSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = request.Student });
        if (workload.NeedsGoal) command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = request.Goal });
        return command;
    }
}
