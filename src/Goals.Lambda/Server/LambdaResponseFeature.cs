using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Goals.Lambda.Server;

/// <summary>
/// Buffers the whole response (a proxy response is one JSON document) while behaving like Kestrel:
/// OnStarting runs before the first body byte, headers become read-only once started.
/// </summary>
internal sealed class LambdaResponseFeature : IHttpResponseFeature, IHttpResponseBodyFeature, IDisposable
{
    private readonly MemoryStream _buffer = new();
    private readonly List<(Func<object, Task> Callback, object State)> _onStarting = [];
    private readonly List<(Func<object, Task> Callback, object State)> _onCompleted = [];
    private readonly ResponseBodyStream _stream;
    private PipeWriter? _writer;
    private Stream? _replacedBody;

    public LambdaResponseFeature(IHttpBodyControlFeature bodyControl)
    {
        _stream = new ResponseBodyStream(this, _buffer, bodyControl);
    }

    public int StatusCode { get; set; } = StatusCodes.Status200OK;

    public string? ReasonPhrase { get; set; }

    public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();

    public bool HasStarted { get; private set; }

    Stream IHttpResponseFeature.Body
    {
        get => _replacedBody ?? _stream;
        set => _replacedBody = value;
    }

    public Stream Stream => _stream;

    public PipeWriter Writer => _writer ??= PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));

    public ReadOnlyMemory<byte> BufferedBody => _buffer.GetBuffer().AsMemory(0, (int)_buffer.Length);

    public void OnStarting(Func<object, Task> callback, object state)
    {
        if (HasStarted)
        {
            throw new InvalidOperationException("The response has already started.");
        }

        _onStarting.Add((callback, state));
    }

    public void OnCompleted(Func<object, Task> callback, object state) => _onCompleted.Add((callback, state));

    public void DisableBuffering()
    {
    }

    public Task StartAsync(CancellationToken cancellationToken = default) => EnsureStartedAsync();

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        SendFileFallback.SendFileAsync(_stream, path, offset, count, cancellationToken);

    public async Task CompleteAsync()
    {
        await EnsureStartedAsync();
        if (_writer is not null)
        {
            await _writer.FlushAsync();
        }
    }

    public async Task EnsureStartedAsync()
    {
        if (HasStarted)
        {
            return;
        }

        // Kestrel runs OnStarting callbacks last-registered first.
        for (var i = _onStarting.Count - 1; i >= 0; i--)
        {
            await _onStarting[i].Callback(_onStarting[i].State);
        }

        HasStarted = true;
        if (Headers is HeaderDictionary headers)
        {
            headers.IsReadOnly = true;
        }
    }

    public async Task FireOnCompletedAsync()
    {
        for (var i = _onCompleted.Count - 1; i >= 0; i--)
        {
            await _onCompleted[i].Callback(_onCompleted[i].State);
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
        _buffer.SetLength(0);
    }

    /// <summary>Once the response has been copied out (<see cref="BufferedBody"/> stays readable: it is the buffer's array).</summary>
    public void Dispose()
    {
        _stream.Dispose();
        _buffer.Dispose();
    }
}
