using System.Text.Json;
using Goals.Lambda.Tests.Infrastructure;

namespace Goals.Lambda.Tests.Gateway;

/// <summary>Every API Gateway request fixture, run through the runtime loop into the echo app.</summary>
public sealed class FixtureRequestTests(ApiLambdaHarness harness) : IClassFixture<ApiLambdaHarness>
{
    private const string Dotnet = "aws-lambda-dotnet/";
    private const string Observed = "aws-lambda-dotnet/apigw-observed/";

    [Fact]
    public async Task Rest_v1_proxy_event_without_context_path_has_no_path_base()
    {
        var echo = await EchoAsync(Dotnet + "proxy-event.json");

        Assert.Equal("POST", Str(echo, "method"));
        Assert.Equal("", Str(echo, "pathBase"));
        Assert.Equal("/hello/world", Str(echo, "path"));
        Assert.Equal("?name=me", Str(echo, "queryString"));
        Assert.Equal("{\r\n\t\"a\": 1\r\n}", Str(echo, "body"));
        Assert.Equal("192.168.196.186", Str(echo, "remoteIp"));
        Assert.Equal("deef4878-7910-11e6-8f14-25afc3e9ae33", Str(echo, "traceIdentifier"));
        Assert.Equal("https", Str(echo, "scheme"));
        Assert.Equal("RestV1", Str(echo.GetProperty("gateway"), "format"));
        Assert.Equal("testStage", Str(echo.GetProperty("gateway"), "stage"));
    }

    [Fact]
    public async Task Rest_v1_stage_in_context_path_becomes_path_base()
    {
        var echo = await EchoAsync(Dotnet + "check-content-length-withcontent-apigateway.json");

        Assert.Equal("/Prod", Str(echo, "pathBase"));
        Assert.Equal("/api/values", Str(echo, "path"));
        Assert.Equal("/Prod/api/values", Str(echo, "rawTarget"));
        Assert.Equal("{\"hello\":\"world\"}", Str(echo, "body"));
        Assert.Equal(17, echo.GetProperty("contentLength").GetInt64());
        Assert.Equal(["192.182.149.40, 64.252.140.161"], Values(echo, "headers", "X-Forwarded-For"));
        Assert.Equal("ec60ed0b-0c02-4d5e-bbb9-57bb77b798c0", Str(echo, "traceIdentifier"));
    }

    [Fact]
    public async Task Rest_v1_with_null_query_and_put_body()
    {
        var echo = await EchoAsync(Dotnet + "values-put-withbody-apigateway-request.json");

        Assert.Equal("PUT", Str(echo, "method"));
        Assert.Equal("", Str(echo, "queryString"));
        Assert.Equal("{\"firstName\":\"Smith\",\"lastName\": \"Agent\"}", Str(echo, "body"));
        Assert.Equal("test-invoke-request", Str(echo, "traceIdentifier"));
    }

    [Fact]
    public async Task Rest_v1_with_null_headers_and_query()
    {
        var echo = await EchoAsync(Dotnet + "values-get-querystring-apigateway-request.json");

        Assert.Equal("/api/querystring", Str(echo, "path"));
        Assert.Equal(["Lewis"], Values(echo, "query", "firstName"));
        Assert.Equal(["Meriwether"], Values(echo, "query", "lastName"));
        Assert.Equal("127.0.0.1", Str(echo, "remoteIp"));
    }

    [Fact]
    public async Task Rest_v1_query_is_re_encoded_so_plus_and_colons_survive()
    {
        var echo = await EchoAsync(Dotnet + "values-get-querystring-apigateway-encoding-request.json");

        Assert.Equal(["http://www.gooogle.com"], Values(echo, "query", "url"));
        Assert.Equal(["2019-03-12T16:06:06.549817+00:00"], Values(echo, "query", "testDateTimeOffset"));
        Assert.Contains("%2B00%3A00", Str(echo, "queryString"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_api_payload_1_0_with_numeric_version_and_base64_flag_without_body()
    {
        var echo = await EchoAsync(Dotnet + "values-get-all-httpapi-request.json");

        Assert.Equal("GET", Str(echo, "method"));
        Assert.Equal("/api/resourcepath", Str(echo, "path"));
        Assert.Equal("", Str(echo, "pathBase"));
        Assert.Equal("", Str(echo, "body"));
        Assert.Equal("HttpApiV1", Str(echo.GetProperty("gateway"), "format"));

        // requestContext.requestId is null here, so the Lambda request id stands in.
        Assert.StartsWith("req-", Str(echo, "traceIdentifier"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_api_v2_invalid_base64_body_gets_a_clean_400()
    {
        var response = await harness.InvokeAsync(Fixtures.Event(Dotnet + "http-api-v2-request.json"));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(["application/json; charset=utf-8"], response.Header("Content-Type"));
        var error = response.Json().GetProperty("errors")[0];
        Assert.Equal("BAD_REQUEST", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("base64", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_api_v2_cookies_become_one_cookie_header()
    {
        var echo = await EchoAsync(Dotnet + "cookies-get-multiple-httpapi-v2-request.json");

        Assert.Equal(["TestCookie1=TestValue1; TestCookie2=TestValue2; TestCookie3=TestValue3"], Values(echo, "headers", "Cookie"));
        Assert.Equal("TestValue3", echo.GetProperty("cookies").GetProperty("TestCookie3").GetString());
        Assert.Equal("J7jk9g-7oAMEJGw=", Str(echo, "traceIdentifier"));
    }

    [Fact]
    public async Task Http_api_v2_space_in_path_is_escaped_in_raw_target()
    {
        var echo = await EchoAsync(Dotnet + "encode-space-in-resource-path-httpapi-v2.json");

        Assert.Equal("/api/resourcepath/string/tmh/file name.xml", Str(echo, "path"));
        Assert.Equal("/api/resourcepath/string/tmh/file%20name.xml", Str(echo, "rawTarget"));
    }

    [Fact]
    public async Task Http_api_v2_escaped_reserved_character_in_query_survives()
    {
        var echo = await EchoAsync(Dotnet + "rawtarget-escaped-reserved-in-query-httpapi-v2.json");

        Assert.Equal("?foo=b%40r", Str(echo, "queryString"));
        Assert.Equal("/foo/bar?foo=b%40r", Str(echo, "rawTarget"));
        Assert.Equal(["b@r"], Values(echo, "query", "foo"));
    }

    [Fact]
    public async Task Http_api_v2_put_body_and_real_content_length()
    {
        var echo = await EchoAsync(Dotnet + "values-put-withbody-httpapi-v2-request.json");

        Assert.Equal("PUT", Str(echo, "method"));
        Assert.Equal("{\"firstName\":\"Smith\",\"lastName\": \"Agent\"}", Str(echo, "body"));
        Assert.Equal(Str(echo, "body").Length, echo.GetProperty("contentLength").GetInt64());
    }

    [Fact]
    public async Task Http_api_v2_repeated_query_key_keeps_both_values()
    {
        var echo = await EchoAsync(Dotnet + "values-get-querystring-httpapi-v2-mv-request.json");

        Assert.Equal(["value1", "value2"], Values(echo, "query", "mv-test"));
        Assert.Equal("?firstName=Lewis&lastName=Meriwether&mv-test=value1&mv-test=value2", Str(echo, "queryString"));
    }

    [Fact]
    public async Task Http_api_v2_query_comes_from_raw_query_string_so_plus_survives()
    {
        var echo = await EchoAsync(Dotnet + "values-get-querystring-httpapi-v2-encoding-request.json");

        Assert.Equal(["2019-03-12T16:06:06.549817+00:00"], Values(echo, "query", "testDateTimeOffset"));
        Assert.Equal(["http://www.google.com"], Values(echo, "query", "url"));
    }

    [Fact]
    public async Task Http_api_v2_named_stage_moves_to_path_base()
    {
        var echo = await EchoAsync(Dotnet + "values-get-all-httpapi-v2-with-stage.json");

        Assert.Equal("/beta", Str(echo, "pathBase"));
        Assert.Equal("/api/values", Str(echo, "path"));
        Assert.Equal("/beta/api/values", Str(echo, "rawTarget"));
        Assert.Equal("beta", Str(echo.GetProperty("gateway"), "stage"));
    }

    [Fact]
    public async Task Go_rest_v1_request_with_multi_value_maps_and_lambda_authorizer_context()
    {
        var echo = await EchoAsync("aws-lambda-go/apigw-request.json");

        Assert.Equal("POST", Str(echo, "method"));
        Assert.Equal("/hello/world", Str(echo, "path"));
        Assert.Equal("", Str(echo, "pathBase"));
        Assert.Equal(["me"], Values(echo, "query", "name"));
        Assert.Equal("192.168.196.186", Str(echo, "remoteIp"));
        using var authorizer = JsonDocument.Parse(Str(echo.GetProperty("gateway"), "authorizer"));
        Assert.Equal("admin", authorizer.RootElement.GetProperty("principalId").GetString());
        Assert.Equal(1, authorizer.RootElement.GetProperty("clientId").GetInt32());
    }

    [Fact]
    public async Task Go_v2_jwt_authorizer_claims_and_scopes_are_exposed()
    {
        var echo = await EchoAsync("aws-lambda-go/apigw-v2-request-jwt-authorizer.json");
        var gateway = echo.GetProperty("gateway");

        Assert.Equal("value1", gateway.GetProperty("claims").GetProperty("claim1").GetString());
        Assert.Equal("value2", gateway.GetProperty("claims").GetProperty("claim2").GetString());
        Assert.Equal(["scope1", "scope2"], gateway.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["cookie1; cookie2"], Values(echo, "headers", "Cookie"));
        Assert.Equal(["value1", "value2"], Values(echo, "query", "parameter1"));
        Assert.Null(echo.GetProperty("remoteIp").GetString());
    }

    [Fact]
    public async Task Powertools_v1_multi_value_header_and_cidr_source_ip()
    {
        var echo = await EchoAsync("powertools-python/apiGatewayProxyEvent.json");

        Assert.Equal(["value1", "value2"], Values(echo, "headers", "Header2"));
        Assert.Equal(["value1", "value2"], Values(echo, "query", "parameter1"));
        Assert.Equal("192.168.0.1", Str(echo, "remoteIp"));
        Assert.Equal("HttpApiV1", Str(echo.GetProperty("gateway"), "format"));
        Assert.Equal("Hello from Lambda!", Str(echo, "body"));
    }

    [Fact]
    public async Task Powertools_v2_header_values_are_not_split_on_commas()
    {
        var echo = await EchoAsync("powertools-python/apiGatewayProxyV2Event.json");

        Assert.Equal(["value1,value2"], Values(echo, "headers", "Header2"));
        Assert.Equal("{\"message\": \"hello world\", \"username\": \"tom\"}", Str(echo, "body"));
        Assert.Equal("value1", echo.GetProperty("gateway").GetProperty("claims").GetProperty("claim1").GetString());
    }

    [Fact]
    public async Task Observed_rest_binary_request_body_is_decoded_and_stage_is_path_base()
    {
        var echo = await EchoAsync(PascalCaseSnapshot.ToWireFormat(Observed + "BinaryContentRest.json"));

        Assert.Equal("/test", Str(echo, "pathBase"));
        Assert.Equal("/test4/api/users/123/avatar", Str(echo, "path"));
        Assert.Equal("\u0001\u0002\u0003\u0004\u0005", Str(echo, "body"));
        Assert.Null(echo.GetProperty("remoteIp").GetString());
    }

    [Fact]
    public async Task Observed_rest_multi_value_query_keeps_every_value()
    {
        var echo = await EchoAsync(PascalCaseSnapshot.ToWireFormat(Observed + "V1_UrlEncodedQueryStringRest.json"));

        Assert.Equal(["C# Programming", ".NET Core"], Values(echo, "query", "tag"));
        Assert.Equal(["Hello World"], Values(echo, "query", "q"));
        Assert.Equal("/test", Str(echo, "pathBase"));
    }

    [Fact]
    public async Task Observed_v2_binary_request_body_is_decoded()
    {
        var echo = await EchoAsync(PascalCaseSnapshot.ToWireFormat(Observed + "V2_BinaryContent.json"));

        Assert.Equal("\u0001\u0002\u0003\u0004\u0005", Str(echo, "body"));
        Assert.Equal(5, echo.GetProperty("contentLength").GetInt64());
    }

    [Fact]
    public async Task Observed_v2_encoded_query_is_passed_verbatim()
    {
        var echo = await EchoAsync(PascalCaseSnapshot.ToWireFormat(Observed + "V2_UrlEncodedQueryString.json"));

        Assert.Equal("?q=Hello%20World&tag=C%23%20Programming&tag=.NET%20Core", Str(echo, "queryString"));
        Assert.Equal(["C# Programming", ".NET Core"], Values(echo, "query", "tag"));
    }

    [Fact]
    public async Task Observed_v2_decoded_path_with_spaces_is_escaped_in_raw_target()
    {
        var echo = await EchoAsync(PascalCaseSnapshot.ToWireFormat(Observed + "V2_SpecialCharactersInPath.json"));

        Assert.Equal("/test13/api/users/**** Doe/orders/Summer Sale 2023", Str(echo, "path"));
        Assert.Equal("/test13/api/users/****%20Doe/orders/Summer%20Sale%202023", Str(echo, "rawTarget"));
    }

    private Task<JsonElement> EchoAsync(string fixture) => EchoAsync(Fixtures.Event(fixture));

    private async Task<JsonElement> EchoAsync(byte[] evt)
    {
        var response = await harness.InvokeAsync(evt);
        Assert.Equal(200, response.StatusCode);
        return response.Json();
    }

    internal static string Str(JsonElement element, string name) => element.GetProperty(name).GetString()!;

    internal static IEnumerable<string> Values(JsonElement echo, string map, string name) =>
        echo.GetProperty(map).EnumerateObject()
            .Where(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.EnumerateArray().Select(v => v.GetString()!));
}
