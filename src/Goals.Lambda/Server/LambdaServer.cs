using Goals.Lambda.Gateway;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Goals.Lambda.Server;

/// <summary>
/// The <see cref="IServer"/> that replaces Kestrel inside Lambda: requests come from API Gateway events
/// (via the <c>api</c> handler) instead of sockets, and run through the app's normal pipeline.
/// </summary>
public sealed class LambdaServer(ILogger<LambdaServer> logger) : IServer
{
    private Func<GatewayRequest, CancellationToken, Task<LambdaHttpResponse>>? _pipeline;

    public IFeatureCollection Features { get; } = CreateServerFeatures();

    public bool IsStarted => _pipeline is not null;

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        _pipeline = (request, ct) => ProcessAsync(application, request, ct);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _pipeline = null;
        return Task.CompletedTask;
    }

    public void Dispose() => _pipeline = null;

    internal Task<LambdaHttpResponse> ProcessAsync(GatewayRequest request, CancellationToken requestAborted) =>
        (_pipeline ?? throw new InvalidOperationException("LambdaServer has not been started; start the host first."))(request, requestAborted);

    private async Task<LambdaHttpResponse> ProcessAsync<TContext>(IHttpApplication<TContext> application, GatewayRequest request, CancellationToken requestAborted)
        where TContext : notnull
    {
        var (features, response) = LambdaFeatureCollectionFactory.Create(request, requestAborted);
        using var ownedResponse = response;
        var context = application.CreateContext(features);
        Exception? unhandled = null;
        try
        {
            await application.ProcessRequestAsync(context);
        }
        catch (Exception exception)
        {
            unhandled = exception;
            logger.LogError(exception, "Unhandled exception while processing {Method} {Path}", request.Method, request.Path);
            response.ResetToServerError();
        }

        var startedByApp = response.HasStarted;
        try
        {
            await response.CompleteAsync();
            if (unhandled is not null)
            {
                response.ResetToServerError();
            }
        }
        catch (Exception exception)
        {
            unhandled ??= exception;
            logger.LogError(exception, "Starting the response failed");
            response.ResetToServerError();
        }

        try
        {
            await response.FireOnCompletedAsync();
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "An OnCompleted callback failed");
        }

        application.DisposeContext(context, unhandled);
        return new LambdaHttpResponse(response.StatusCode, response.Headers, response.BufferedBody, unhandled, startedByApp);
    }

    private static FeatureCollection CreateServerFeatures()
    {
        var features = new FeatureCollection();
        features.Set<IServerAddressesFeature>(new ServerAddressesFeature());
        return features;
    }
}
