using System.Text;
using Goals.Api.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Goals.Api.Tests;

/// <summary>No token or any invalid token: HTTP 200, data fields fail with UNAUTHENTICATED, never data. Introspection stays usable.</summary>
[Collection(ApiCollection.Name)]
public sealed class AuthTests(DatabaseFixture database) : IAsyncLifetime
{
    private TestApi _api = null!;
    private readonly Guid _student = Guid.NewGuid();

    public async Task InitializeAsync()
    {
        _api = await TestApi.StartAsync(database);
        await GoalsApiTests.CreateGoalAsync(_api, _api.Token(_student), "Secret goal");
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private static string Sign(string key, string? issuer = TestApi.Issuer, string? audience = TestApi.Audience, string? sub = null,
        DateTime? expires = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = expires ?? now.AddMinutes(10),
            Claims = new Dictionary<string, object> { ["sub"] = sub ?? Guid.NewGuid().ToString() },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }

    private static string B64(string json) => Base64UrlEncoder.Encode(json);

    public static TheoryData<string> BadTokens() => new()
    {
        "expired",
        "wrong-audience",
        "wrong-issuer",
        "bad-signature",
        "alg-none",
        "sub-not-uuid",
        "garbage",
    };

    private string Make(string kind, Guid student) => kind switch
    {
        "expired" => _api.Token(student, TimeSpan.FromMinutes(5), DateTime.UtcNow.AddHours(-1)),
        "wrong-audience" => Sign(TestApi.SigningKey, audience: "someone-else", sub: student.ToString()),
        "wrong-issuer" => Sign(TestApi.SigningKey, issuer: "https://evil.example", sub: student.ToString()),
        "bad-signature" => Sign("another-key-another-key-another-key-0123", sub: student.ToString()),
        "alg-none" => B64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." +
                      B64($"{{\"sub\":\"{student}\",\"iss\":\"{TestApi.Issuer}\",\"aud\":\"{TestApi.Audience}\",\"exp\":{DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}}}") + ".",
        "sub-not-uuid" => Sign(TestApi.SigningKey, sub: "student-42"),
        _ => "not.a.jwt",
    };

    [Fact]
    public async Task No_token_is_UNAUTHENTICATED_with_status_200()
    {
        var response = await _api.PostAsync("{ goals { id title } }", token: null);
        Assert.Equal(200, response.Status);
        Assert.Null(response.Data);
        response.SingleError("UNAUTHENTICATED");
    }

    [Fact]
    public async Task No_token_mutation_is_UNAUTHENTICATED()
    {
        var response = await _api.PostAsync("mutation { createGoal(input: { title: \"x\", goalType: CAREER }) { goal { id } } }", token: null);
        response.SingleError("UNAUTHENTICATED");
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Invalid_tokens_are_UNAUTHENTICATED_never_data(string kind)
    {
        var response = await _api.PostAsync("{ goals { id title } }", token: Make(kind, _student));
        Assert.Equal(200, response.Status);
        Assert.Null(response.Data);
        response.SingleError("UNAUTHENTICATED");
        Assert.DoesNotContain("Secret goal", response.Body.ToJsonString());
    }

    [Fact]
    public async Task Expired_token_says_so()
    {
        var response = await _api.PostAsync("{ goals { id } }", token: Make("expired", _student));
        Assert.Contains("expired", response.SingleError("UNAUTHENTICATED")["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Introspection_works_without_a_token()
    {
        var response = await _api.PostAsync("{ __schema { queryType { name } } __type(name: \"Goal\") { fields { name } } }", token: null);
        var data = response.RequireData();
        Assert.Equal("Query", data["__schema"]!["queryType"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Valid_token_sees_own_goals()
    {
        var response = await _api.PostAsync("{ goals { title } }", token: _api.Token(_student));
        Assert.Equal("Secret goal", response.RequireData()["goals"]![0]!["title"]!.GetValue<string>());
    }
}
