using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Goals.Lambda.Server;

/// <summary>
/// Buffers the whole response (a proxy response is one JSON document) while behaving like Kestrel:
/// OnStarting runs before the first body byte, headers become read-only once started.
/// </summary>
internal sealed class LambdaResponseFeature : IHttpResponseFeature, IHttpResponseBodyFeature
{
    private readonly MemoryStream buffer = new();
    private readonly List<(Func<object, Task> Callback, object State)> onStarting = [];
    private readonly List<(Func<object, Task> Callback, object State)> onCompleted = [];
    private readonly ResponseBodyStream stream;
    private PipeWriter? writer;
    private Stream? replacedBody;

    public LambdaResponseFeature(IHttpBodyControlFeature bodyControl)
    {
        stream = new ResponseBodyStream(this, buffer, bodyControl);
    }

    public int StatusCode { get; set; } = StatusCodes.Status200OK;

    public string? ReasonPhrase { get; set; }

    public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();

    public bool HasStarted { get; private set; }

    Stream IHttpResponseFeature.Body
    {
        get => replacedBody ?? stream;
        set => replacedBody = value;
    }

    public Stream Stream => stream;

    public PipeWriter Writer => writer ??= PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));

    public ReadOnlyMemory<byte> BufferedBody => buffer.GetBuffer().AsMemory(0, (int)buffer.Length);

    public void OnStarting(Func<object, Task> callback, object state)
    {
        if (HasStarted)
        {
            throw new InvalidOperationException("The response has already started.");
        }

        onStarting.Add((callback, state));
    }

    public void OnCompleted(Func<object, Task> callback, object state) => onCompleted.Add((callback, state));

    public void DisableBuffering()
    {
    }

    public Task StartAsync(CancellationToken cancellationToken = default) => EnsureStartedAsync();

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        SendFileFallback.SendFileAsync(stream, path, offset, count, cancellationToken);

    public async Task CompleteAsync()
    {
        await EnsureStartedAsync();
        if (writer is not null)
        {
            await writer.FlushAsync();
        }
    }

    public async Task EnsureStartedAsync()
    {
        if (HasStarted)
        {
            return;
        }

        // Kestrel runs OnStarting callbacks last-registered first.
        for (var i = onStarting.Count - 1; i >= 0; i--)
        {
            await onStarting[i].Callback(onStarting[i].State);
        }

        HasStarted = true;
        if (Headers is HeaderDictionary headers)
        {
            headers.IsReadOnly = true;
        }
    }

    public async Task FireOnCompletedAsync()
    {
        for (var i = onCompleted.Count - 1; i >= 0; i--)
        {
            await onCompleted[i].Callback(onCompleted[i].State);
        }
    }

    /// <summary>
    /// The app threw. Kestrel sends a bare 500 if nothing was sent yet and aborts otherwise; nothing has
    /// left the process here (the body is buffered), so a half-written response always becomes a bare 500.
    /// </summary>
    public void ResetToServerError()
    {
        StatusCode = StatusCodes.Status500InternalServerError;
        ReasonPhrase = null;
        Headers = new HeaderDictionary();
        buffer.SetLength(0);
    }
}
