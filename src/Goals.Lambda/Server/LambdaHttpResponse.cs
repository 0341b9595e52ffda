using Microsoft.AspNetCore.Http;

namespace Goals.Lambda.Server;

/// <summary>
/// What the app produced for one request; <see cref="UnhandledException"/> is set when it threw, and
/// <see cref="StartedByApp"/> tells whether the app itself started the response (wrote or flushed) before returning.
/// </summary>
internal sealed record LambdaHttpResponse(
    int StatusCode, IHeaderDictionary Headers, ReadOnlyMemory<byte> Body, Exception? UnhandledException, bool StartedByApp);
