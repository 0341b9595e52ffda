using System.Text;
using System.Text.Json.Nodes;
using Goals.Lambda.Tests.Infrastructure;
using static Goals.Lambda.Tests.Gateway.FixtureRequestTests;

namespace Goals.Lambda.Tests.Gateway;

/// <summary>Traps the fixtures do not cover, with generated events.</summary>
public sealed class GeneratedRequestTests(ApiLambdaHarness harness) : IClassFixture<ApiLambdaHarness>
{
    [Fact]
    public async Task Encoded_slash_in_path_stays_encoded()
    {
        var echo = (await harness.InvokeAsync(Events.V2("GET", "/files/a%2Fb/c"))).Json();

        Assert.Equal("/files/a%2Fb/c", Str(echo, "path"));
        Assert.Equal("/files/a%2Fb/c", Str(echo, "rawTarget"));
    }

    [Fact]
    public async Task Other_escapes_in_path_are_decoded_in_path_but_kept_in_raw_target()
    {
        var echo = (await harness.InvokeAsync(Events.V2("GET", "/caf%C3%A9/%41"))).Json();

        Assert.Equal("/café/A", Str(echo, "path"));
        Assert.Equal("/caf%C3%A9/%41", Str(echo, "rawTarget"));
    }

    [Fact]
    public async Task Rest_v1_multi_value_query_is_re_encoded_with_every_value()
    {
        var query = new JsonObject { ["tag"] = new JsonArray("a b", "c&d", "e+f"), ["flag"] = new JsonArray("1") };
        var echo = (await harness.InvokeAsync(Events.RestV1("GET", "/search", multiValueQuery: query))).Json();

        Assert.Equal(["a b", "c&d", "e+f"], Values(echo, "query", "tag"));
        Assert.Equal("?tag=a%20b&tag=c%26d&tag=e%2Bf&flag=1", Str(echo, "queryString"));
        Assert.Equal("/prod", Str(echo, "pathBase"));
        Assert.Equal(["a", "b"], Values(echo, "headers", "X-Repeated"));
    }

    [Fact]
    public async Task Rest_v1_cognito_claims_are_exposed_with_non_string_values_as_json()
    {
        var echo = (await harness.InvokeAsync(Events.RestV1("GET", "/me"))).Json();
        var claims = echo.GetProperty("gateway").GetProperty("claims");

        Assert.Equal("student-42", claims.GetProperty("sub").GetString());
        Assert.Equal("true", claims.GetProperty("email_verified").GetString());
        Assert.Equal("198.51.100.7", Str(echo, "remoteIp"));
        Assert.Equal("gen-v1-request", Str(echo, "traceIdentifier"));
    }

    [Fact]
    public async Task V2_cookies_are_joined_into_one_cookie_header()
    {
        var echo = (await harness.InvokeAsync(Events.V2("GET", "/c", cookies: ["a=1", "b=2; c=3"]))).Json();

        Assert.Equal(["a=1; b=2; c=3"], Values(echo, "headers", "Cookie"));
        Assert.Equal("3", echo.GetProperty("cookies").GetProperty("c").GetString());
    }

    [Fact]
    public async Task Base64_request_body_is_decoded_in_both_formats()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"query\":\"{ goals { id } }\"}");
        var base64 = Convert.ToBase64String(bytes);
        foreach (var evt in new[] { Events.V2("POST", "/graphql", body: base64, base64: true), Events.RestV1("POST", "/graphql", body: base64, base64: true) })
        {
            var echo = (await harness.InvokeAsync(evt)).Json();

            Assert.Equal("{\"query\":\"{ goals { id } }\"}", Str(echo, "body"));
            Assert.Equal(bytes.Length, echo.GetProperty("contentLength").GetInt64());
        }
    }

    [Fact]
    public async Task V2_header_values_with_commas_are_not_split()
    {
        var headers = new JsonObject
        {
            ["user-agent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)",
            ["authorization"] = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc",
        };
        var echo = (await harness.InvokeAsync(Events.V2("GET", "/h", headers: headers))).Json();

        Assert.Equal([headers["user-agent"]!.GetValue<string>()], Values(echo, "headers", "User-Agent"));
        Assert.Equal([headers["authorization"]!.GetValue<string>()], Values(echo, "headers", "Authorization"));
        Assert.Equal(["localhost"], Values(echo, "headers", "Host"));
    }

    [Fact]
    public async Task Named_stage_root_path_becomes_slash()
    {
        var echo = (await harness.InvokeAsync(Events.V2("GET", "/beta", stage: "beta"))).Json();

        Assert.Equal("/beta", Str(echo, "pathBase"));
        Assert.Equal("/", Str(echo, "path"));
    }

    [Fact]
    public async Task Stage_name_that_is_only_a_path_prefix_is_not_stripped()
    {
        var echo = (await harness.InvokeAsync(Events.V2("GET", "/betamax/x", stage: "beta"))).Json();

        Assert.Equal("", Str(echo, "pathBase"));
        Assert.Equal("/betamax/x", Str(echo, "path"));
    }

    [Fact]
    public async Task Request_activity_continues_the_xray_trace()
    {
        const string trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
        var result = await harness.Emulator.InvokeAsync(Events.V2("GET", "/traced"), traceId: trace);
        var echo = ProxyResponse.Parse(result).Json();

        Assert.Equal("5759e988bd862e3fe1be46a994272793", Str(echo, "activityTraceId"));
    }
}
