using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Goals.Lambda.Tests.Infrastructure;

namespace Goals.Lambda.Tests.Gateway;

/// <summary>How what the app writes comes back as a proxy response, per payload format.</summary>
public sealed class ResponseMappingTests(ApiLambdaHarness harness) : IClassFixture<ApiLambdaHarness>
{
    [Fact]
    public async Task V2_cookies_go_to_the_cookies_array_never_comma_joined()
    {
        var response = await harness.InvokeAsync(Events.V2("GET", "/cookies"));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(3, response.Cookies.Count);
        Assert.Equal("session=abc; path=/; httponly", response.Cookies[0]);
        Assert.Equal("expires=soon; expires=Mon, 21 Oct 2030 07:28:00 GMT; path=/", response.Cookies[2]);
        Assert.Empty(response.Header("Set-Cookie"));
        Assert.Equal(["one,two"], response.Header("X-Multi"));
        Assert.Equal("cookies set", response.BodyText);
        Assert.False(response.IsBase64Encoded);
    }

    [Fact]
    public async Task V1_cookies_are_separate_multi_value_set_cookie_headers()
    {
        var response = await harness.InvokeAsync(Events.RestV1("GET", "/cookies"));

        Assert.Equal(3, response.Header("Set-Cookie").Count);
        Assert.Equal(["one", "two"], response.Header("X-Multi"));
        Assert.False(response.HasSingleValueHeaders, "v1 responses use multiValueHeaders only, so nothing is merged twice");
    }

    [Fact]
    public async Task Binary_response_is_base64_encoded()
    {
        foreach (var evt in new[] { Events.V2("GET", "/binary"), Events.RestV1("GET", "/binary") })
        {
            var response = await harness.InvokeAsync(evt);

            Assert.True(response.IsBase64Encoded);
            Assert.Equal(EchoApp.BinaryPayload, response.Body);
            Assert.Equal(["image/png"], response.Header("Content-Type"));
        }
    }

    [Fact]
    public async Task Compressed_json_is_base64_encoded_even_though_json_is_text()
    {
        var response = await harness.InvokeAsync(Events.V2("GET", "/gzip"));

        Assert.True(response.IsBase64Encoded);
        Assert.Equal(["gzip"], response.Header("Content-Encoding"));
        await using var gzip = new GZipStream(new MemoryStream(response.Body), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        Assert.Equal("{\"hello\":\"world\"}", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task GraphQL_response_media_type_is_plain_text()
    {
        var response = await harness.InvokeAsync(Events.V2("POST", "/graphql-response"));

        Assert.False(response.IsBase64Encoded);
        Assert.Equal("{\"data\":{\"goals\":[]}}", response.RawBody);
    }

    [Theory]
    [InlineData("V1_DefaultsToCorrectContentTYpeRest.json", false)]
    [InlineData("V2_DefaultsToTextPlainContentType.json", true)]
    public async Task Missing_content_type_defaults_to_json_in_both_formats(string observedSnapshot, bool isV2)
    {
        // What clients saw from each gateway when the function set no Content-Type: REST says
        // application/json, HTTP API says text/plain. We always set application/json ourselves.
        var observed = JsonDocument.Parse(Fixtures.Text("aws-lambda-dotnet/apigw-observed/" + observedSnapshot)).RootElement;
        var gatewayDefault = observed.GetProperty("Headers").GetProperty("Content-Type")[0].GetString();
        Assert.Equal(isV2 ? "text/plain; charset=utf-8" : "application/json", gatewayDefault);

        var response = await harness.InvokeAsync(isV2 ? Events.V2("GET", "/no-content-type") : Events.RestV1("GET", "/no-content-type"));

        Assert.Equal(["application/json"], response.Header("Content-Type"));
        Assert.Equal(observed.GetProperty("Content").GetString(), response.BodyText);
    }

    [Fact]
    public async Task Comma_in_a_single_header_value_stays_one_value()
    {
        // Observed: REST passes "test,other" through as ONE value (V1_HandlesHeadersCorrectlyRest.json).
        var observed = JsonDocument.Parse(Fixtures.Text("aws-lambda-dotnet/apigw-observed/V1_HandlesHeadersCorrectlyRest.json")).RootElement;
        Assert.Equal(1, observed.GetProperty("Headers").GetProperty("myheader").GetArrayLength());

        var v1 = await harness.InvokeAsync(Events.RestV1("GET", "/comma-header"));
        var v2 = await harness.InvokeAsync(Events.V2("GET", "/comma-header"));

        Assert.Equal(["test,other"], v1.Header("myheader"));
        Assert.Equal(["test,other"], v2.Header("myheader"));
    }

    [Fact]
    public async Task Response_over_the_lambda_payload_limit_becomes_a_clean_json_error()
    {
        var response = await harness.InvokeAsync(Events.V2("GET", "/large"));

        Assert.Equal(500, response.StatusCode);
        Assert.Equal("RESPONSE_TOO_LARGE", ErrorCode(response));
    }

    [Fact]
    public async Task Unhandled_exception_is_a_bare_500_like_kestrel_and_the_next_request_is_served()
    {
        var thrown = await harness.InvokeAsync(Events.V2("GET", "/throw"));
        var halfWritten = await harness.InvokeAsync(Events.RestV1("GET", "/throw-after-write"));
        var next = await harness.InvokeAsync(Events.V2("GET", "/still-alive"));

        Assert.Equal(500, thrown.StatusCode);
        Assert.Empty(thrown.Body);
        Assert.Equal(500, halfWritten.StatusCode);
        Assert.Empty(halfWritten.Body);
        Assert.Equal(200, next.StatusCode);
    }

    [Fact]
    public async Task Synchronous_body_writes_are_refused_as_in_kestrel()
    {
        var response = await harness.InvokeAsync(Events.V2("GET", "/sync-write"));

        Assert.Equal(500, response.StatusCode);
        Assert.Empty(response.Body);
    }

    [Fact]
    public async Task Empty_response_has_no_body_field()
    {
        var response = await harness.InvokeAsync(Events.V2("DELETE", "/no-content"));

        Assert.Equal(204, response.StatusCode);
        Assert.False(response.Root.TryGetProperty("body", out _));
        Assert.False(response.IsBase64Encoded);
    }

    [Fact]
    public async Task OnStarting_callbacks_run_before_the_response_is_sent()
    {
        var response = await harness.InvokeAsync(Events.V2("GET", "/on-starting"));

        Assert.Equal(["yes"], response.Header("X-Started"));
        Assert.Equal("started", response.BodyText);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"hello\":\"world\"}")]
    [InlineData("{\"version\":\"2.0\",\"rawPath\":\"/x\",\"requestContext\":{}}")]
    [InlineData("{\"httpMethod\":\"GET\",\"isBase64Encoded\":\"yes\"}")]
    [InlineData("null")]
    public async Task Malformed_events_get_a_well_formed_400(string evt)
    {
        var response = await harness.InvokeAsync(Encoding.UTF8.GetBytes(evt));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("BAD_REQUEST", ErrorCode(response));
    }

    private static string? ErrorCode(ProxyResponse response) =>
        response.Json().GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString();
}
