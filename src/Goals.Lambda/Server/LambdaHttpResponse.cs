using Microsoft.AspNetCore.Http;

namespace Goals.Lambda.Server;

/// <summary>What the app produced for one request; <see cref="UnhandledException"/> is set when it threw.</summary>
internal sealed record LambdaHttpResponse(int StatusCode, IHeaderDictionary Headers, ReadOnlyMemory<byte> Body, Exception? UnhandledException);
