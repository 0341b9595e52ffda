using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Goals.Lambda.Runtime;

/// <summary>Speaks the Lambda Runtime API (2018-06-01) over plain HTTP.</summary>
public sealed class LambdaRuntimeClient : IDisposable
{
    private const string RequestIdHeader = "Lambda-Runtime-Aws-Request-Id";
    private const string DeadlineHeader = "Lambda-Runtime-Deadline-Ms";
    private const string FunctionArnHeader = "Lambda-Runtime-Invoked-Function-Arn";
    private const string TraceIdHeader = "Lambda-Runtime-Trace-Id";
    private const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    private static readonly Uri NextInvocation = new("runtime/invocation/next", UriKind.Relative);
    private static readonly Uri NextRestore = new("runtime/restore/next", UriKind.Relative);

    private readonly HttpClient _http;

    /// <param name="runtimeApi">The <c>host:port</c> in <c>AWS_LAMBDA_RUNTIME_API</c>.</param>
    public LambdaRuntimeClient(string runtimeApi)
    {
        _http = new HttpClient
        {
            BaseAddress = new Uri($"http://{runtimeApi}/2018-06-01/"),
            // invocation/next blocks until an event arrives, which may be minutes.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task<LambdaInvocation> GetNextInvocationAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(NextInvocation, cancellationToken);
        response.EnsureSuccessStatusCode();
        var requestId = SingleHeader(response, RequestIdHeader)
            ?? throw new InvalidOperationException($"Runtime API sent no {RequestIdHeader} header.");
        var deadline = long.TryParse(SingleHeader(response, DeadlineHeader), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.UtcNow.AddMinutes(15);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new LambdaInvocation(requestId, deadline, SingleHeader(response, TraceIdHeader), SingleHeader(response, FunctionArnHeader), body);
    }

    public async Task PostResponseAsync(string requestId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        using var content = new ReadOnlyMemoryContent(payload);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(new Uri($"runtime/invocation/{Uri.EscapeDataString(requestId)}/response", UriKind.Relative), content, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public Task PostErrorAsync(string requestId, LambdaError error, CancellationToken cancellationToken) =>
        PostErrorDocumentAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/error", error, cancellationToken);

    public Task PostInitErrorAsync(LambdaError error, CancellationToken cancellationToken) =>
        PostErrorDocumentAsync("runtime/init/error", error, cancellationToken);

    /// <summary>SnapStart: init is done, take the snapshot; returns once it is restored in a new environment.</summary>
    public async Task RestoreNextAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(NextRestore, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public Task PostRestoreErrorAsync(LambdaError error, CancellationToken cancellationToken) =>
        PostErrorDocumentAsync("runtime/restore/error", error, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task PostErrorDocumentAsync(string path, LambdaError error, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(error, RuntimeJsonContext.Default.LambdaError));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TryAddWithoutValidation(ErrorTypeHeader, error.ErrorType);
        using var response = await _http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private static string? SingleHeader(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
