using System.Text.Json;

namespace Goals.Api.Tests.Lambda;

/// <summary>The built app started as SnapStart would (AWS_LAMBDA_INITIALIZATION_TYPE=snap-start) against the emulator.</summary>
[Collection(LambdaAppCollection.Name)]
public sealed class LambdaSnapStartTests(LambdaApp app)
{
    [Fact]
    public async Task Api_warms_its_pipeline_before_the_snapshot_and_serves_data_after_restore()
    {
        await using var lambda = await LambdaProcess.StartAsync("api", app.ConnectionString,
            new Dictionary<string, string?> { ["AWS_LAMBDA_INITIALIZATION_TYPE"] = "snap-start" });
        var token = LambdaApp.Token(Guid.NewGuid());

        var result = await lambda.InvokeAsync(LambdaEvents.GeneratedV2(LambdaEvents.GraphQLBody("{ goals { id } }"), token));

        using var response = JsonDocument.Parse(result.Body);
        Assert.Equal(200, response.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Contains("\"goals\":[]", response.RootElement.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal(["restore/next", "next", "response"], lambda.Emulator.Calls.Take(3));
        Assert.Contains("SnapStart: 3 warm-up invocations and 1 before-snapshot hooks done", lambda.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\"level\":\"ERROR\"", lambda.Output, StringComparison.Ordinal); // the warm-ups were answered, not failed
    }
}
