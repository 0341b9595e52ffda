using Goals.Lambda.Runtime;
using Goals.Lambda.Tests.Infrastructure;

namespace Goals.Lambda.Tests.Gateway;

[Collection(TimingSensitiveCollection.Name)]
public sealed class DeadlineTests(ApiLambdaHarness harness) : IClassFixture<ApiLambdaHarness>
{
    [Theory]
    [InlineData("/sleep-cooperative")]
    [InlineData("/give-up-on-abort")]
    public async Task Request_that_stops_when_aborted_is_answered_with_a_504_before_the_deadline_and_the_instance_keeps_serving(string path)
    {
        var result = await harness.Emulator.InvokeAsync(Events.V2("GET", path), timeout: TestRuntimeOptions.DeadlineBudget);
        var response = ProxyResponse.Parse(result);

        Assert.True(result.AnsweredAt < result.Deadline, $"answered {(result.AnsweredAt - result.Deadline).TotalMilliseconds} ms after the deadline");
        Assert.Equal(504, response.StatusCode);
        Assert.Equal("TIMEOUT", response.Json().GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());

        var next = await harness.InvokeAsync(Events.V2("GET", "/after-timeout"));
        Assert.Equal(200, next.StatusCode);
    }

    [Fact]
    public async Task Request_ignoring_the_abort_is_answered_with_a_504_before_the_deadline_and_then_the_instance_exits()
    {
        var own = new ApiLambdaHarness(); // this instance goes away, so not the class's shared one
        await own.InitializeAsync();
        try
        {
            var result = await own.Emulator.InvokeAsync(Events.V2("GET", "/sleep"), timeout: TestRuntimeOptions.DeadlineBudget);
            var exitCode = await own.ExitCode.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.True(result.AnsweredAt < result.Deadline, $"answered {(result.AnsweredAt - result.Deadline).TotalMilliseconds} ms after the deadline");
            Assert.Equal(504, ProxyResponse.Parse(result).StatusCode);
            Assert.Equal(LambdaRuntimeLoop.ExitCodeHandlerOutlivedDeadline, exitCode);
        }
        finally
        {
            await own.DisposeAsync();
        }
    }
}
