using System.Text;
using System.Text.Json.Nodes;
using Npgsql;

namespace Goals.Api.Tests.Lambda;

/// <summary>
/// The real app, built, in Lambda mode (<see cref="LambdaApp"/>): API Gateway events (captured v1 REST and v2 HTTP API
/// payloads, and generated ones) in, exact proxy responses out, GraphQL answered over the private PostgreSQL; and the
/// SQS worker's partial batch failures.
/// </summary>
[Collection(LambdaAppCollection.Name)]
public sealed class LambdaEndToEndTests(LambdaApp app)
{
    private const string CreateGoal =
        "mutation($input: CreateGoalInput!) { createGoal(input: $input) { replayed goal { id title goalType complete information } } }";

    private const string ReadGoal = "query($id: UUID!) { goals(goalId: $id) { id title goalType complete information } }";

    private static readonly JsonObject JsonContentType = new() { ["Content-Type"] = "application/json; charset=utf-8" };

    [Fact]
    public async Task Http_api_v2_fixture_creates_a_goal_and_rest_v1_fixture_reads_it_back()
    {
        var student = Guid.NewGuid();
        var token = LambdaApp.Token(student);
        var input = new JsonObject { ["goalType"] = "ACADEMIC", ["title"] = "Pass the Lambda exam", ["information"] = "via API Gateway" };

        var created = await app.Api.InvokeAsync(LambdaEvents.AsV2GraphQLPost(
            LambdaEvents.Fixture("aws-lambda-dotnet/values-put-withbody-httpapi-v2-request.json"),
            LambdaEvents.GraphQLBody(CreateGoal, new JsonObject { ["input"] = input }), token));

        var createdResponse = Proxy(created);
        var id = createdResponse["body"]?["data"]?["createGoal"]?["goal"]?["id"]?.GetValue<string>();
        Assert.True(Guid.TryParse(id, out _), createdResponse.ToJsonString());
        var goal = new JsonObject
        {
            ["id"] = id, ["title"] = "Pass the Lambda exam", ["goalType"] = "ACADEMIC", ["complete"] = false, ["information"] = "via API Gateway",
        };
        AssertJson(V2Response(200, JsonContentType, new JsonObject
        {
            ["data"] = new JsonObject { ["createGoal"] = new JsonObject { ["replayed"] = false, ["goal"] = goal.DeepClone() } },
        }), createdResponse);

        var read = await app.Api.InvokeAsync(LambdaEvents.AsV1GraphQLPost(
            LambdaEvents.Fixture("aws-lambda-go/apigw-request.json"),
            LambdaEvents.GraphQLBody(ReadGoal, new JsonObject { ["id"] = id }), token));

        AssertJson(V1Response(200, "application/json; charset=utf-8", new JsonObject
        {
            ["data"] = new JsonObject { ["goals"] = new JsonArray(goal.DeepClone()) },
        }), Proxy(read));

        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT title FROM goals WHERE student_id = @s AND id = @id", connection);
        command.Parameters.AddWithValue("s", student);
        command.Parameters.AddWithValue("id", Guid.Parse(id!));
        Assert.Equal("Pass the Lambda exam", await command.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("aws-lambda-dotnet/values-put-withbody-httpapi-v2-request.json")]
    [InlineData("aws-lambda-dotnet/cookies-get-multiple-httpapi-v2-request.json")]
    [InlineData("aws-lambda-dotnet/values-get-all-httpapi-v2-with-stage.json")]
    [InlineData("powertools-python/apiGatewayProxyV2Event.json")]
    [InlineData("aws-lambda-go/apigw-v2-request-jwt-authorizer.json")]
    public async Task Http_api_v2_fixtures_are_answered_with_graphql_response_json(string fixture)
    {
        var token = LambdaApp.Token(Guid.NewGuid());
        var result = await app.Api.InvokeAsync(LambdaEvents.AsV2GraphQLPost(LambdaEvents.Fixture(fixture),
            LambdaEvents.GraphQLBody("{ goals { id } }"), token, accept: "application/graphql-response+json"));

        AssertJson(V2Response(200, new JsonObject { ["Content-Type"] = "application/graphql-response+json; charset=utf-8" },
            new JsonObject { ["data"] = new JsonObject { ["goals"] = new JsonArray() } }), Proxy(result));
    }

    [Theory]
    [InlineData("aws-lambda-go/apigw-request.json")]
    [InlineData("aws-lambda-dotnet/proxy-event.json")]
    [InlineData("aws-lambda-dotnet/check-content-length-withcontent-apigateway.json")]
    [InlineData("aws-lambda-dotnet/values-get-all-httpapi-request.json")]
    [InlineData("powertools-python/apiGatewayProxyEvent.json")]
    public async Task Rest_v1_fixtures_are_answered_with_multi_value_headers(string fixture)
    {
        var token = LambdaApp.Token(Guid.NewGuid());
        var result = await app.Api.InvokeAsync(LambdaEvents.AsV1GraphQLPost(LambdaEvents.Fixture(fixture),
            LambdaEvents.GraphQLBody("{ goals { id } }"), token));

        AssertJson(V1Response(200, "application/json; charset=utf-8",
            new JsonObject { ["data"] = new JsonObject { ["goals"] = new JsonArray() } }), Proxy(result));
    }

    [Fact]
    public async Task Generated_event_without_a_token_gets_UNAUTHENTICATED()
    {
        var result = await app.Api.InvokeAsync(LambdaEvents.GeneratedV2(LambdaEvents.GraphQLBody("{ goals { id } }"), token: null));

        var response = Proxy(result);
        Assert.Equal(200, response["statusCode"]!.GetValue<int>());
        Assert.Equal("UNAUTHENTICATED", response["body"]?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>());
        AssertJson(V2Response(200, new JsonObject { ["Content-Type"] = "application/graphql-response+json; charset=utf-8" },
            response["body"]!.DeepClone()), response);
        Assert.Null(response["body"]!["data"]?["goals"]);
    }

    [Fact]
    public async Task Generated_base64_body_is_decoded_and_a_parse_error_is_a_400()
    {
        var token = LambdaApp.Token(Guid.NewGuid());
        var ok = Proxy(await app.Api.InvokeAsync(LambdaEvents.GeneratedV2(LambdaEvents.GraphQLBody("{ goals { id } }"), token, base64: true)));
        var bad = Proxy(await app.Api.InvokeAsync(LambdaEvents.GeneratedV2(LambdaEvents.GraphQLBody("{ goals { id }"), token)));

        AssertJson(V2Response(200, new JsonObject { ["Content-Type"] = "application/graphql-response+json; charset=utf-8" },
            new JsonObject { ["data"] = new JsonObject { ["goals"] = new JsonArray() } }), ok);
        Assert.Equal(400, bad["statusCode"]!.GetValue<int>());
        Assert.Equal("GRAPHQL_PARSE_FAILED", bad["body"]?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>());
        Assert.Null(bad["body"]!["data"]);
    }

    [Fact]
    public async Task Init_phases_are_timed_and_logged_in_Lambda_mode()
    {
        // The first invocation proves init finished; the log lines are written before the first /next.
        await app.Api.InvokeAsync(LambdaEvents.GeneratedV2(LambdaEvents.GraphQLBody("{ __typename }"), token: null));

        var log = app.Api.Output;
        foreach (var phase in new[] { "runtime-start", "build-app", "resolve-handler", "host-start", "database-warm-up" })
        {
            Assert.True(log.Contains($"Init phase {phase} took ", StringComparison.Ordinal), $"no '{phase}' line in:\n{log}");
        }

        Assert.True(log.Contains("Init finished in ", StringComparison.Ordinal), log);
        Assert.True(log.Contains("GraphQL schema built in ", StringComparison.Ordinal), log);
        Assert.True(log.Contains("Lambda handler \\u0027api\\u0027 ready", StringComparison.Ordinal), log); // JSON console log: ' is escaped
    }

    [Fact]
    public async Task Request_blocked_in_the_database_past_its_deadline_gets_the_504_TIMEOUT_before_the_deadline()
    {
        var student = Guid.NewGuid();
        var goal = Guid.NewGuid();
        await using var locker = new NpgsqlConnection(app.ConnectionString);
        await locker.OpenAsync();
        await using (var insert = new NpgsqlCommand("INSERT INTO goals (student_id, id, goal_type, title) VALUES (@s, @g, 'CAREER', 'Locked')", locker))
        {
            insert.Parameters.AddWithValue("s", student);
            insert.Parameters.AddWithValue("g", goal);
            await insert.ExecuteNonQueryAsync();
        }

        // Hold the row lock so the app's UPDATE waits until its request is cancelled.
        await using var transaction = await locker.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM goals WHERE student_id = @s AND id = @g FOR UPDATE", locker, transaction))
        {
            lockRow.Parameters.AddWithValue("s", student);
            lockRow.Parameters.AddWithValue("g", goal);
            await lockRow.ExecuteNonQueryAsync();
        }

        // The same mutation once on an unlocked goal first, so that what is timed below is the wind-down of a blocked
        // statement, not the first request's JIT compilation on a busy machine.
        var warmUp = Proxy(await app.Api.InvokeAsync(LambdaEvents.GeneratedV2(LambdaEvents.GraphQLBody(
            "mutation($id: UUID!) { updateGoal(input: { goalId: $id, title: \"Warm\" }) { goal { title } } }",
            new JsonObject { ["id"] = Guid.NewGuid().ToString() }), LambdaApp.Token(student)), timeout: TimeSpan.FromSeconds(10)));
        Assert.Equal("NOT_FOUND", warmUp["body"]?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>());

        var result = await app.Api.InvokeAsync(LambdaEvents.GeneratedV2(LambdaEvents.GraphQLBody(
            "mutation($id: UUID!) { updateGoal(input: { goalId: $id, title: \"Unlocked\" }) { goal { title } } }",
            new JsonObject { ["id"] = goal.ToString() }), LambdaApp.Token(student)), timeout: TimeSpan.FromMilliseconds(4000));
        await transaction.RollbackAsync();

        Assert.True(result.AnsweredAt < result.Deadline, $"answered {(result.AnsweredAt - result.Deadline).TotalMilliseconds} ms after the deadline");
        var response = Proxy(result);
        Assert.True(504 == response["statusCode"]!.GetValue<int>(), response.ToJsonString());
        Assert.Equal("TIMEOUT", response["body"]?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>());

        // The instance keeps serving on its only connection, which the cancelled UPDATE handed back rolled back and clean.
        var next = Proxy(await app.Api.InvokeAsync(LambdaEvents.GeneratedV2(LambdaEvents.GraphQLBody("{ goals { title } }"), LambdaApp.Token(student))));
        Assert.Equal(200, next["statusCode"]!.GetValue<int>());
        Assert.Equal("Locked", next["body"]?["data"]?["goals"]?[0]?["title"]?.GetValue<string>());
        var renamed = Proxy(await app.Api.InvokeAsync(LambdaEvents.GeneratedV2(LambdaEvents.GraphQLBody(
            "mutation($id: UUID!) { updateGoal(input: { goalId: $id, title: \"Renamed\" }) { goal { title } } }",
            new JsonObject { ["id"] = goal.ToString() }), LambdaApp.Token(student)), timeout: TimeSpan.FromSeconds(10)));
        Assert.Equal("Renamed", renamed["body"]?["data"]?["updateGoal"]?["goal"]?["title"]?.GetValue<string>());
    }

    [Fact]
    public async Task Worker_reports_exactly_the_failed_records_and_runs_the_noop_job()
    {
        var student = Guid.NewGuid();
        var noop = Guid.NewGuid();
        var unknownKind = Guid.NewGuid();
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand(
                "INSERT INTO jobs (student_id, id, kind) VALUES (@s, @noop, 'noop'), (@s, @other, 'export-everything')", connection);
            insert.Parameters.AddWithValue("s", student);
            insert.Parameters.AddWithValue("noop", noop);
            insert.Parameters.AddWithValue("other", unknownKind);
            await insert.ExecuteNonQueryAsync();
        }

        var result = await app.Worker.InvokeAsync(LambdaEvents.SqsBatch(
            ("m-ok", $"{{\"studentId\":\"{student}\",\"jobId\":\"{noop}\"}}"),
            ("m-malformed", "not json"),
            ("m-unknown-id", $"{{\"studentId\":\"{student}\",\"jobId\":\"{Guid.NewGuid()}\"}}"),
            ("m-other-student", $"{{\"studentId\":\"{Guid.NewGuid()}\",\"jobId\":\"{noop}\"}}"),
            ("m-unknown-kind", $"{{\"studentId\":\"{student}\",\"jobId\":\"{unknownKind}\"}}"),
            ("m-no-id", "{\"studentId\":\"x\"}")));

        Assert.False(result.IsError, Encoding.UTF8.GetString(result.Body) + "\n" + app.Worker.Output);
        Assert.Equal(
            """{"batchItemFailures":[{"itemIdentifier":"m-malformed"},{"itemIdentifier":"m-unknown-id"},{"itemIdentifier":"m-other-student"},{"itemIdentifier":"m-no-id"}]}""",
            Encoding.UTF8.GetString(result.Body));

        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var select = new NpgsqlCommand(
                "SELECT id, status, attempts, progress_done::int4, started_at IS NOT NULL, finished_at IS NOT NULL, error_code FROM jobs WHERE student_id = @s ORDER BY kind", connection);
            select.Parameters.AddWithValue("s", student);
            await using var reader = await select.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                rows.Add($"{(reader.GetGuid(0) == noop ? "noop" : "other")} {reader.GetString(1)} {reader.GetInt32(2)} {reader.GetInt32(3)} {reader.GetBoolean(4)} {reader.GetBoolean(5)} {(reader.IsDBNull(6) ? "-" : reader.GetString(6))}");
            }

            // An unknown kind cannot run on any attempt: it ends FAILED with its reason at once (its message is acknowledged).
            Assert.Equal(["other FAILED 1 0 True True UNKNOWN_KIND", "noop SUCCEEDED 1 1 True True -"], rows);
        }

        // At-least-once delivery: the same message again is acknowledged without running the job twice.
        var again = await app.Worker.InvokeAsync(LambdaEvents.SqsBatch(("m-ok-again", $"{{\"studentId\":\"{student}\",\"jobId\":\"{noop}\"}}")));
        Assert.Equal("""{"batchItemFailures":[]}""", Encoding.UTF8.GetString(again.Body));
    }

    /// <summary>The proxy response with its body parsed (it must be plain JSON text, not base64).</summary>
    private static JsonObject Proxy(InvocationResult result)
    {
        Assert.False(result.IsError, $"Invocation error {result.ErrorType}: {Encoding.UTF8.GetString(result.Body)}");
        var root = JsonNode.Parse(result.Body)!.AsObject();
        if (root["body"] is JsonValue body && body.TryGetValue<string>(out var text) && root["isBase64Encoded"]?.GetValue<bool>() == false)
        {
            root["body"] = JsonNode.Parse(text);
        }

        return root;
    }

    private static JsonObject V2Response(int status, JsonObject headers, JsonNode body) => new()
    {
        ["statusCode"] = status, ["headers"] = headers.DeepClone(), ["body"] = body, ["isBase64Encoded"] = false,
    };

    private static JsonObject V1Response(int status, string contentType, JsonNode body) => new()
    {
        ["statusCode"] = status,
        ["multiValueHeaders"] = new JsonObject { ["Content-Type"] = new JsonArray(contentType) },
        ["body"] = body,
        ["isBase64Encoded"] = false,
    };

    private static void AssertJson(JsonNode expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected\n{expected.ToJsonString()}\nactual\n{actual.ToJsonString()}");
}
