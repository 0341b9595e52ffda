using Goals.Lambda.Tests.Infrastructure;

namespace Goals.Lambda.Tests.Gateway;

[Collection(TimingSensitiveCollection.Name)]
public sealed class DeadlineTests(ApiLambdaHarness harness) : IClassFixture<ApiLambdaHarness>
{
    [Theory]
    [InlineData("/sleep")]
    [InlineData("/sleep-cooperative")]
    [InlineData("/give-up-on-abort")]
    public async Task Request_outliving_the_deadline_is_answered_with_a_504_before_the_deadline(string path)
    {
        var result = await harness.Emulator.InvokeAsync(Events.V2("GET", path), timeout: TestRuntimeOptions.DeadlineBudget);
        var response = ProxyResponse.Parse(result);

        Assert.True(result.AnsweredAt < result.Deadline, $"answered {(result.AnsweredAt - result.Deadline).TotalMilliseconds} ms after the deadline");
        Assert.Equal(504, response.StatusCode);
        Assert.Equal("TIMEOUT", response.Json().GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());

        var next = await harness.InvokeAsync(Events.V2("GET", "/after-timeout"));
        Assert.Equal(200, next.StatusCode);
    }
}
