using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Goals.Api.Http;
using Goals.Api.Tests.Infrastructure;

namespace Goals.Api.Tests;

/// <summary>Automatic persisted queries (Apollo's protocol: POST and GET) and the trusted-documents mode.</summary>
[Collection(ApiCollection.Name)]
public sealed class PersistedQueryTests(DatabaseFixture database) : IAsyncLifetime
{
    private const string TitlesQuery = "query Titles { goals { id title } }";
    private readonly Guid _student = Guid.NewGuid();
    private readonly List<string> _tempFiles = [];
    private TestApi _api = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _api = await TestApi.StartAsync(database);
        _token = _api.Token(_student);
        await GoalsApiTests.CreateGoalAsync(_api, _token, "Persisted goal");
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        foreach (var file in _tempFiles) File.Delete(file);
    }

    private static string Hash(string query) => PersistedQueries.Sha256Hex(query);

    private static object Extension(string hash) => new { persistedQuery = new { version = 1, sha256Hash = hash } };

    private static Task<GraphQLResponse> Post(TestApi api, object body, string? token = null, string accept = "application/json") =>
        PostText(api, JsonSerializer.Serialize(body), token, accept);

    private static Task<GraphQLResponse> PostText(TestApi api, string body, string? token = null, string accept = "application/json") =>
        SendAsync(api, new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        }, token, accept);

    private static Task<GraphQLResponse> Get(TestApi api, string hash, string? token = null, string? extensionsJson = null) =>
        SendAsync(api, new HttpRequestMessage(HttpMethod.Get,
            "/graphql?extensions=" + Uri.EscapeDataString(extensionsJson ?? JsonSerializer.Serialize(Extension(hash)))), token, "application/json");

    private static async Task<GraphQLResponse> SendAsync(TestApi api, HttpRequestMessage request, string? token, string accept)
    {
        using (request)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
            if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return await GraphQLResponse.ReadAsync(await api.Client.SendAsync(request));
        }
    }

    private static string? CacheControl(GraphQLResponse response) => response.Message.Headers.CacheControl?.ToString();

    private static string Titles(GraphQLResponse response) => response.RequireData()["goals"]!.ToJsonString();

    [Fact]
    public async Task A_query_sent_with_its_hash_registers_it_and_the_hash_alone_then_runs_it()
    {
        var hash = Hash(TitlesQuery);
        var registered = await Post(_api, new { query = TitlesQuery, extensions = Extension(hash) }, _token);
        Assert.Equal(200, registered.Status);
        Assert.Contains("Persisted goal", Titles(registered));

        var hit = await Post(_api, new { extensions = Extension(hash) }, _token);
        Assert.Equal(200, hit.Status);
        Assert.Equal(Titles(registered), Titles(hit));
        Assert.Equal("Titles", _api.Requests.Last().OperationName);
    }

    [Fact]
    public async Task An_unknown_hash_is_PERSISTED_QUERY_NOT_FOUND_with_200_and_never_cached()
    {
        foreach (var accept in (string[])["application/json", "application/graphql-response+json"])
        {
            var response = await Post(_api, new { extensions = Extension(Hash("{ goals { id } } # never sent")) }, _token, accept);
            Assert.Equal(200, response.Status);
            var error = response.SingleError(Api.ErrorCodes.PersistedQueryNotFound);
            Assert.Equal("PersistedQueryNotFound", error["message"]!.GetValue<string>()); // what Apollo clients match
            Assert.Null(response.Data);
            var cacheControl = response.Message.Headers.CacheControl!;
            Assert.True(cacheControl is { NoCache: true, Private: true, MustRevalidate: true }, cacheControl.ToString());
        }

        var get = await Get(_api, Hash("{ goals { title } } # never sent"));
        Assert.Equal(200, get.Status);
        get.SingleError(Api.ErrorCodes.PersistedQueryNotFound);
        Assert.Contains("no-cache", CacheControl(get));
    }

    [Fact]
    public async Task A_hash_that_is_not_the_query_SHA256_is_400_and_registers_nothing()
    {
        var otherHash = Hash("{ goals { id title information } }");
        var response = await Post(_api, new { query = TitlesQuery + " # hijack", extensions = Extension(otherHash) }, _token);
        Assert.Equal(400, response.Status);
        response.SingleError(Api.ErrorCodes.PersistedQueryHashMismatch);
        Assert.Null(response.Data);

        var afterwards = await Post(_api, new { extensions = Extension(otherHash) }, _token);
        afterwards.SingleError(Api.ErrorCodes.PersistedQueryNotFound);
    }

    [Fact]
    public async Task A_query_that_does_not_validate_is_not_registered()
    {
        const string invalid = "{ goals { noSuchField } }";
        var response = await Post(_api, new { query = invalid, extensions = Extension(Hash(invalid)) }, _token);
        response.SingleError("GRAPHQL_VALIDATION_FAILED");

        (await Post(_api, new { extensions = Extension(Hash(invalid)) }, _token)).SingleError(Api.ErrorCodes.PersistedQueryNotFound);
    }

    [Fact]
    public async Task GET_with_only_the_hash_runs_the_registered_query_and_is_never_publicly_cached_with_a_token()
    {
        const string query = "query GetTitles { goals { title } }";
        await Post(_api, new { query, extensions = Extension(Hash(query)) }, _token);

        var authenticated = await Get(_api, Hash(query), _token);
        Assert.Equal(200, authenticated.Status);
        Assert.Contains("Persisted goal", authenticated.RequireData().ToJsonString());
        Assert.True(authenticated.Message.Headers.CacheControl is { NoStore: true, Private: true, Public: false }, CacheControl(authenticated));
        Assert.Contains("Authorization", authenticated.Message.Headers.Vary);

        var anonymous = await Get(_api, Hash(query));
        Assert.Equal(200, anonymous.Status);
        anonymous.SingleError(Api.ErrorCodes.Unauthenticated);
        Assert.True(anonymous.Message.Headers.CacheControl is { Public: true, MaxAge.TotalSeconds: 60 }, CacheControl(anonymous));
        Assert.Contains("Authorization", anonymous.Message.Headers.Vary);
    }

    [Fact]
    public async Task A_mutation_by_hash_over_GET_is_405()
    {
        const string mutation = "mutation { deleteGoal(input: { goalId: \"00000000-0000-4000-8000-000000000000\" }) { deletedGoalId } }";
        (await Post(_api, new { query = mutation, extensions = Extension(Hash(mutation)) }, _token)).SingleError(Api.ErrorCodes.NotFound);
        var response = await Get(_api, Hash(mutation), _token);
        Assert.Equal(405, response.Status);
    }

    [Theory]
    [InlineData("\"persistedQuery\":\"abc\"")]
    [InlineData("\"persistedQuery\":[1]")]
    [InlineData("\"persistedQuery\":{\"version\":2,\"sha256Hash\":\"HASH\"}")]
    [InlineData("\"persistedQuery\":{\"version\":\"1\",\"sha256Hash\":\"HASH\"}")]
    [InlineData("\"persistedQuery\":{\"sha256Hash\":\"HASH\"}")]
    [InlineData("\"persistedQuery\":{\"version\":1}")]
    [InlineData("\"persistedQuery\":{\"version\":1,\"sha256Hash\":42}")]
    [InlineData("\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"abc\"}")]
    [InlineData("\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"HASH-but-longer\"}")]
    public async Task A_malformed_persistedQuery_extension_is_400_with_a_GraphQL_shaped_body(string extension)
    {
        var extensions = "{" + extension.Replace("HASH", Hash(TitlesQuery), StringComparison.Ordinal) + "}";
        foreach (var withQuery in (bool[])[false, true])
        {
            var body = "{" + (withQuery ? $"\"query\":{JsonSerializer.Serialize(TitlesQuery)}," : "") + $"\"extensions\":{extensions}}}";
            var post = await PostText(_api, body, _token);
            Assert.Equal(400, post.Status);
            post.SingleError(Api.ErrorCodes.BadRequest);
            Assert.Null(post.Data);
        }

        var get = await Get(_api, "", _token, extensions);
        Assert.Equal(400, get.Status);
        get.SingleError(Api.ErrorCodes.BadRequest);
    }

    [Fact]
    public async Task The_registry_keeps_at_most_its_bound_and_evicts_the_oldest()
    {
        await using var api = await TestApi.StartAsync(database, new Dictionary<string, string?> { ["GraphQL:PersistedQueryMaxEntries"] = "2" });
        var token = api.Token(_student);
        string[] queries = ["query A { goals { id } }", "query B { goals { title } }", "query C { goals { complete } }"];
        foreach (var query in queries) (await Post(api, new { query, extensions = Extension(Hash(query)) }, token)).RequireData();

        (await Post(api, new { extensions = Extension(Hash(queries[0])) }, token)).SingleError(Api.ErrorCodes.PersistedQueryNotFound);
        (await Post(api, new { extensions = Extension(Hash(queries[1])) }, token)).RequireData();
        (await Post(api, new { extensions = Extension(Hash(queries[2])) }, token)).RequireData();
    }

    [Fact]
    public void The_registry_bound_in_bytes_holds()
    {
        var registry = new PersistedQueryRegistry(maxEntries: 100, maxBytes: 1_000);
        for (var i = 0; i < 50; i++) registry.Register($"hash{i}", new string('x', 100) + i); // ~204 bytes each
        Assert.InRange(registry.Bytes, 1, 1_000);
        Assert.Equal(4, registry.Count);
        Assert.True(registry.TryGet("hash49", out _));
        Assert.False(registry.TryGet("hash45", out _));

        registry.Register("huge", new string('x', 600)); // larger than the whole budget: not kept
        Assert.False(registry.TryGet("huge", out _));
    }

    private async Task<TestApi> StartTrustedAsync(params string[] documents)
    {
        var path = Path.Combine(Path.GetTempPath(), $"trusted-{Guid.NewGuid():N}.json");
        _tempFiles.Add(path);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(documents.ToDictionary(Hash, d => d)));
        return await TestApi.StartAsync(database, new Dictionary<string, string?> { ["GraphQL:TrustedDocuments"] = path });
    }

    [Fact]
    public async Task Trusted_mode_runs_registered_operations_by_hash_or_by_text()
    {
        await using var api = await StartTrustedAsync(TitlesQuery);
        var token = api.Token(_student);

        var byHash = await Post(api, new { extensions = Extension(Hash(TitlesQuery)) }, token);
        Assert.Contains("Persisted goal", Titles(byHash));
        var byText = await Post(api, new { query = TitlesQuery }, token);
        Assert.Equal(Titles(byHash), Titles(byText));
        var byGet = await Get(api, Hash(TitlesQuery), token);
        Assert.Equal(Titles(byHash), Titles(byGet));
    }

    [Fact]
    public async Task Trusted_mode_refuses_any_other_operation_and_registers_nothing()
    {
        await using var api = await StartTrustedAsync(TitlesQuery);
        var token = api.Token(_student);
        const string other = "{ goals { id title information } }";

        foreach (var accept in (string[])["application/json", "application/graphql-response+json"])
        {
            var refused = await Post(api, new { query = other }, token, accept);
            refused.SingleError(Api.ErrorCodes.OperationNotTrusted);
            Assert.Null(refused.Data);
            Assert.Equal(accept == "application/json" ? 200 : 400, refused.Status);
        }

        (await Post(api, new { query = other, extensions = Extension(Hash(other)) }, token)).SingleError(Api.ErrorCodes.OperationNotTrusted);
        (await Post(api, new { extensions = Extension(Hash(other)) }, token)).SingleError(Api.ErrorCodes.PersistedQueryNotFound);
        (await Post(api, new { query = "{ __schema { queryType { name } } }" }, token)).SingleError(Api.ErrorCodes.OperationNotTrusted);
        Assert.DoesNotContain(api.Requests, r => r.SqlStatements > 0);
    }

    [Theory]
    [InlineData("[\"query { goals { id } }\"]")]
    [InlineData("{\"0000000000000000000000000000000000000000000000000000000000000000\":\"{ goals { id } }\"}")]
    [InlineData("{\"abc\":42}")]
    [InlineData("{}")]
    [InlineData("not json")]
    public async Task Trusted_mode_fails_closed_on_a_bad_manifest(string manifest)
    {
        var path = Path.Combine(Path.GetTempPath(), $"trusted-{Guid.NewGuid():N}.json");
        _tempFiles.Add(path);
        await File.WriteAllTextAsync(path, manifest);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            TestApi.StartAsync(database, new Dictionary<string, string?> { ["GraphQL:TrustedDocuments"] = path }));
        Assert.Contains("GraphQL:TrustedDocuments", failure.Message);
    }

    [Fact]
    public async Task Trusted_mode_fails_closed_on_a_missing_manifest()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => TestApi.StartAsync(database,
            new Dictionary<string, string?> { ["GraphQL:TrustedDocuments"] = Path.Combine(Path.GetTempPath(), "no-such-manifest.json") }));
        Assert.Contains("cannot be read", failure.Message);
    }
}
