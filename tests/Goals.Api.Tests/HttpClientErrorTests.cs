using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Goals.Api.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Goals.Api.Tests;

/// <summary>
/// Client errors over a real socket on Kestrel with serve's limits: bad encodings, framing faults, stalled and oversized
/// bodies, long GET queries. Each answers its 4xx with a GraphQL-shaped body (or, where Kestrel rejects the request
/// before the app, a bare 4xx and a closed connection), the server keeps answering, and nothing is logged at Warning or
/// above.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class HttpClientErrorTests(DatabaseFixture database) : IAsyncLifetime, IDisposable
{
    private const string Typename = "{\"query\":\"{ __typename }\"}";
    private KestrelApi _api = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _api = await KestrelApi.StartAsync(database);

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
    }

    public void Dispose() => _http.Dispose();

    public static TheoryData<string, byte[]> InvalidUnicodeBodies() => new()
    {
        { "lone low surrogate escape in query", Ascii("{\"query\":\"{ __typename } # \\udc00\"}") },
        { "lone high surrogate escape in operationName", Ascii("{\"query\":\"{ __typename }\",\"operationName\":\"\\ud800\"}") },
        { "reversed surrogate pair in variables", Ascii("{\"query\":\"{ __typename }\",\"variables\":{\"a\":\"\\udc00\\ud800\"}}") },
        { "lone surrogate escape in a variables key", Ascii("{\"query\":\"{ __typename }\",\"variables\":{\"\\udfff\":1}}") },
        { "lone surrogate escape deep in extensions", Ascii("{\"query\":\"{ __typename }\",\"extensions\":{\"a\":[{\"b\":\"x\\ud83d\"}]}}") },
        { "lone surrogate escape in an ignored member", Ascii("{\"query\":\"{ __typename }\",\"\\ud800\":0}") },
        { "raw 0xFF in query", Bytes("{\"query\":\"{ __typename } # ", [0xFF], "\"}") },
        { "truncated 2-byte sequence in variables", Bytes("{\"query\":\"{ __typename }\",\"variables\":{\"a\":\"", [0xC3], "\"}}") },
        { "overlong encoding of '/' in operationName", Bytes("{\"query\":\"{ __typename }\",\"operationName\":\"", [0xC0, 0xAF], "\"}") },
        { "UTF-8-encoded surrogate in extensions", Bytes("{\"query\":\"{ __typename }\",\"extensions\":{\"", [0xED, 0xA0, 0x80], "\":1}}") },
        { "invalid byte in a property name", Bytes("{\"query\":\"{ __typename }\",\"", [0x80], "\":1}") },
    };

    [Theory]
    [MemberData(nameof(InvalidUnicodeBodies))]
    public async Task Invalid_unicode_anywhere_in_a_post_body_is_400_bad_request(string what, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        var response = await GraphQLResponse.ReadAsync(await _http.PostAsync(_api.GraphQLUrl, content));
        Assert.True(400 == response.Status, $"{what}: {response.Status} {response.Body.ToJsonString()}");
        AssertBadRequestBody(response.Body);
        await AssertServerStillAnswersAsync();
        AssertNothingLoggedAboveInformation();
    }

    [Theory]
    [InlineData("query=%7B__typename%7D%20%23%FF")]
    [InlineData("query=%7B__typename%7D&operationName=%C3")]
    [InlineData("query=%7B__typename%7D&variables=%7B%22a%22%3A%22%ED%A0%80%22%7D")]
    [InlineData("query=%7B__typename%7D&variables=%7B%22a%22%3A%22%5Cudc00%22%7D")]
    [InlineData("query=%7B__typename%7D&extensions=%7B%22%5Cud800%22%3A1%7D")]
    public async Task Invalid_unicode_in_a_get_query_string_is_400_bad_request(string queryString)
    {
        var response = await GraphQLResponse.ReadAsync(await _http.GetAsync(new Uri(_api.GraphQLUrl + "?" + queryString)));
        Assert.True(400 == response.Status, $"{queryString}: {response.Status} {response.Body.ToJsonString()}");
        AssertBadRequestBody(response.Body);
        AssertNothingLoggedAboveInformation();
    }

    [Fact]
    public async Task Valid_surrogate_pairs_and_non_ascii_text_pass_in_post_and_get()
    {
        const string query = "query($n: String!) { __type(name: $n) { name } }";
        var variables = "{\"n\":\"\\ud83d\\ude00 \u00e9\u4e2d\ud83c\udf89\"}";
        using var content = new StringContent($"{{\"query\":\"{query}\",\"variables\":{variables}}}", Encoding.UTF8, "application/json");
        var post = await GraphQLResponse.ReadAsync(await _http.PostAsync(_api.GraphQLUrl, content));
        Assert.Equal(200, post.Status);
        Assert.Null(post.RequireData()["__type"]);

        var get = await GraphQLResponse.ReadAsync(await _http.GetAsync(new Uri(_api.GraphQLUrl + "?query=" + Uri.EscapeDataString(query)
            + "&variables=" + Uri.EscapeDataString(variables))));
        Assert.Equal(200, get.Status);
        Assert.Null(get.RequireData()["__type"]);
    }

    [Fact]
    public async Task Get_queries_up_to_MaxRequestBytes_work_and_longer_ones_are_414_with_errors()
    {
        var limit = 262_144; // GraphQL:MaxRequestBytes in appsettings.json, the README's promise
        var fits = await GetWithQueryStringOfAsync(limit);
        Assert.Equal(200, fits.Status);
        Assert.Equal("Query", fits.RequireData()["__typename"]!.GetValue<string>());

        foreach (var length in new[] { limit + 1, 2 * limit, 4 * limit })
        {
            var tooLong = await GetWithQueryStringOfAsync(length);
            Assert.True(414 == tooLong.Status, $"{length}: {tooLong.Status} {tooLong.Body.ToJsonString()}");
            AssertBadRequestBody(tooLong.Body);
        }

        await AssertServerStillAnswersAsync();
        AssertNothingLoggedAboveInformation();
    }

    /// <summary>A GET whose query string is exactly <paramref name="length"/> characters long (without the '?'), padded with
    /// a variable (the engine parses at most 100,000 characters of query text).</summary>
    private async Task<GraphQLResponse> GetWithQueryStringOfAsync(int length)
    {
        var start = "query=" + Uri.EscapeDataString("query($pad: String!) { __typename __type(name: $pad) { name } }") + "&variables=" + Uri.EscapeDataString("{\"pad\":\"");
        var end = Uri.EscapeDataString("\"}");
        var queryString = start + new string('a', length - start.Length - end.Length) + end;
        Assert.Equal(length, queryString.Length);
        return await GraphQLResponse.ReadAsync(await _http.GetAsync(new Uri(_api.GraphQLUrl + "?" + queryString)));
    }

    public static TheoryData<string, string, int> FramingFaults() => new()
    {
        { "chunk size is not hex", "Transfer-Encoding: chunked\r\n\r\nZZ\r\n" + Typename + "\r\n0\r\n\r\n", 400 },
        { "chunk longer than its size", "Transfer-Encoding: chunked\r\n\r\n5\r\n" + Typename + "\r\n0\r\n\r\n", 400 },
        { "chunk size overflows", "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFF\r\n" + Typename + "\r\n0\r\n\r\n", 400 },
        { "chunk without CRLF after its data", "Transfer-Encoding: chunked\r\n\r\n1a\r\n" + Typename + "XX0\r\n\r\n", 400 },
        { "Content-Length above MaxRequestBytes", "Content-Length: 10000000\r\n\r\n" + Typename, 413 },
        { "chunked body above MaxRequestBytes", "Transfer-Encoding: chunked\r\n\r\n" + string.Concat(Enumerable.Repeat("8000\r\n" + new string(' ', 0x8000) + "\r\n", 9)) + "0\r\n\r\n", 413 },
    };

    [Theory]
    [MemberData(nameof(FramingFaults))]
    public async Task Malformed_body_framing_is_a_4xx_with_a_graphql_shaped_body(string what, string framing, int status)
    {
        var response = await RawHttp.SendAsync(_api.BaseUrl, Ascii(PostHead + framing));
        Assert.True(response is not null, $"{what}: the server closed the connection without answering");
        Assert.True(status == response.Status, $"{what}: {response.Status} {response.Body}");
        AssertBadRequestBody(response.Json);
        await AssertServerStillAnswersAsync();
        AssertNothingLoggedAboveInformation();
    }

    [Theory]
    [InlineData("Content-Length: abc\r\n\r\n" + Typename)]
    [InlineData("Content-Length: 26\r\nContent-Length: 27\r\n\r\n" + Typename)]
    [InlineData("Transfer-Encoding: gzip\r\n\r\n" + Typename)]
    public async Task Malformed_headers_are_rejected_by_kestrel_with_a_4xx_and_a_closed_connection(string framing)
    {
        // Kestrel rejects these while parsing the headers, before any app code runs: HTTP allows only a bare 4xx here.
        var response = await RawHttp.SendAsync(_api.BaseUrl, Ascii(PostHead + framing));
        Assert.NotNull(response);
        Assert.InRange(response.Status, 400, 499);
        Assert.Equal("close", response.Headers["Connection"]);
        await AssertServerStillAnswersAsync();
        AssertNothingLoggedAboveInformation();
    }

    [Fact]
    public async Task Truncated_body_then_close_gets_no_answer_and_leaves_the_server_answering()
    {
        // Kestrel treats the client's FIN as the end of the connection: nothing can be written back, nothing is logged.
        var response = await RawHttp.SendAsync(_api.BaseUrl, Ascii(PostHead + "Content-Length: 100\r\n\r\n" + Typename), closeAfterSending: true);
        Assert.True(response is null || response.Status == 400, $"{response?.Status} {response?.Body}");
        await AssertServerStillAnswersAsync();
        AssertNothingLoggedAboveInformation();
    }

    [Fact]
    public async Task Stalled_body_is_408_with_a_graphql_shaped_body()
    {
        // Ten of the promised 100 bytes, then silence with the connection open: MinRequestBodyDataRate ends it.
        var response = await RawHttp.SendAsync(_api.BaseUrl, Ascii(PostHead + "Content-Length: 100\r\n\r\n" + Typename[..10]));
        Assert.NotNull(response);
        Assert.Equal(408, response.Status);
        AssertBadRequestBody(response.Json);
        await AssertServerStillAnswersAsync();
        AssertNothingLoggedAboveInformation();
    }

    [Fact]
    public async Task Thousands_of_generated_malformed_requests_get_no_5xx_and_log_no_error()
    {
        var statuses = new Dictionary<int, int>();
        foreach (var malformed in MalformedRequests.Generate(seed: 20261201, count: 3000))
        {
            using var request = new HttpRequestMessage(malformed.IsGet ? HttpMethod.Get : HttpMethod.Post,
                malformed.IsGet ? new Uri(_api.GraphQLUrl + "?" + malformed.QueryString) : _api.GraphQLUrl);
            if (!malformed.IsGet)
            {
                request.Content = JsonBytes(malformed.Body);
            }
            var response = await GraphQLResponse.ReadAsync(await _http.SendAsync(request));
            statuses[response.Status] = statuses.GetValueOrDefault(response.Status) + 1;
            var sent = malformed.IsGet ? "GET ?" + malformed.QueryString : "POST " + Convert.ToBase64String(malformed.Body);
            Assert.True(response.Status < 500, $"{response.Status} for {sent}: {response.Body.ToJsonString()}");
            if (response.Status >= 400) Assert.True(response.Errors.Count > 0, $"{response.Status} without errors for {sent}: {response.Body.ToJsonString()}");
        }

        Assert.True(statuses.Where(p => p.Key >= 400).Sum(p => p.Value) > 1500,
            "the generator should mostly produce bad requests: " + string.Join(", ", statuses.Select(p => $"{p.Key}×{p.Value}")));
        await AssertServerStillAnswersAsync();
        AssertNothingLoggedAboveInformation();
    }

    private const string PostHead = "POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nConnection: close\r\n";

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static byte[] Bytes(string before, byte[] middle, string after) => [.. Ascii(before), .. middle, .. Ascii(after)];

    private static ByteArrayContent JsonBytes(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        return content;
    }

    private static void AssertBadRequestBody(JsonObject? body)
    {
        Assert.NotNull(body);
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.False(string.IsNullOrWhiteSpace(error["message"]!.GetValue<string>()));
        Assert.Equal("BAD_REQUEST", error["extensions"]!["code"]!.GetValue<string>());
        Assert.False(body.ContainsKey("data"));
        Assert.DoesNotContain("   at ", body.ToJsonString());
    }

    private async Task AssertServerStillAnswersAsync()
    {
        using var content = new StringContent(Typename, Encoding.UTF8, "application/json");
        var response = await _http.PostAsync(_api.GraphQLUrl, content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Query", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!["__typename"]!.GetValue<string>());
    }

    private void AssertNothingLoggedAboveInformation()
    {
        var loud = _api.Logs.Entries.Where(e => e.Level >= LogLevel.Warning || e.Exception is not null).ToList();
        Assert.True(loud.Count == 0, string.Join("\n", loud));
    }
}
