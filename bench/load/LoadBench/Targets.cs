using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace LoadBench;

/// <summary>Something that answers a workload request with a response body (the API, the HTTP ceiling, the SQL ceiling).</summary>
public interface ITarget
{
    string Name { get; }

    /// <summary>Sends one request; Ok = HTTP 200 (or a row) whose body has no GraphQL errors. Body only when asked for.</summary>
    Task<(bool Ok, string? Body)> SendAsync(Workload workload, BenchRequest request, bool keepBody, CancellationToken ct);
}

/// <summary>A GraphQL endpoint over loopback HTTP/1.1 (one pooled connection per concurrent worker).</summary>
public sealed class HttpTarget(string name, Uri url, Func<Guid, (string Header, string Value)> identify, int connections) : ITarget, IDisposable
{
    private static readonly byte[] ErrorsKey = "\"errors\""u8.ToArray();
    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
    }) { Timeout = TimeSpan.FromSeconds(30) };

    public string Name { get; } = name;

    public async Task<(bool Ok, string? Body)> SendAsync(Workload workload, BenchRequest request, bool keepBody, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(Body(workload, request)) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var (header, value) = identify(request.Student);
        message.Headers.TryAddWithoutValidation(header, value);
        using var response = await _client.SendAsync(message, ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        var ok = response.StatusCode == HttpStatusCode.OK && bytes.AsSpan().IndexOf(ErrorsKey) < 0;
        return (ok, keepBody || !ok ? Encoding.UTF8.GetString(bytes) : null);
    }

    private static byte[] Body(Workload workload, BenchRequest request) => JsonSerializer.SerializeToUtf8Bytes(workload.NeedsGoal
        ? new { query = workload.GraphQL, variables = (object?)new { goalId = request.Goal } }
        : new { query = workload.GraphQL, variables = (object?)null });

    public void Dispose() => _client.Dispose();
}

/// <summary>The raw SQL ceiling: the ceilings' statement straight over Npgsql from this process, no HTTP.</summary>
public sealed class SqlTarget(NpgsqlDataSource dataSource) : ITarget
{
    public string Name => "SQL ceiling (Npgsql, no HTTP)";

    public async Task<(bool Ok, string? Body)> SendAsync(Workload workload, BenchRequest request, bool keepBody, CancellationToken ct)
    {
        await using var command = CeilingSql.Command(dataSource, workload, request);
        var text = (string?)await command.ExecuteScalarAsync(ct);
        var ok = text is not null && text.StartsWith("{\"data\"", StringComparison.Ordinal);
        return (ok, keepBody || !ok ? text : null);
    }
}
