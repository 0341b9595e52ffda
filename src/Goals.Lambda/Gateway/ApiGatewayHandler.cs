using Goals.Lambda.Runtime;
using Goals.Lambda.Server;
using Microsoft.Extensions.Logging;

namespace Goals.Lambda.Gateway;

/// <summary>The <c>api</c> handler: API Gateway proxy event → ASP.NET Core pipeline → proxy response.</summary>
public sealed class ApiGatewayHandler(LambdaServer server, ApiGatewayOptions options, ILogger<ApiGatewayHandler> logger)
    : ILambdaHandler, ILambdaTimeoutResponder
{
    // Built during init: the timeout path runs with milliseconds left and must not pay for JIT or serialization.
    private readonly byte[] _timeoutResponse = GatewayErrorResponses.Timeout();

    public async Task<ReadOnlyMemory<byte>> HandleAsync(LambdaInvocation invocation, CancellationToken cancellationToken)
    {
        GatewayRequest request;
        try
        {
            request = GatewayRequestParser.Parse(invocation);
        }
        catch (GatewayEventException exception)
        {
            logger.LogWarning(exception, "Rejected invocation {RequestId}: {Reason}", invocation.RequestId, exception.Message);
            return GatewayErrorResponses.BadRequest(exception.Message);
        }

        var response = await server.ProcessAsync(request, cancellationToken);
        // Cancelled by the deadline: an app that then threw, or gave up without starting a response (as apps do when
        // RequestAborted fires), has no answer to send; the client gets the gateway-shaped timeout instead of an empty 200.
        if (cancellationToken.IsCancellationRequested && (response.UnhandledException is not null || !response.StartedByApp))
        {
            return _timeoutResponse;
        }

        return GatewayResponseWriter.Write(request.Format, response.StatusCode, response.Headers, response.Body, options.MaxResponsePayloadBytes);
    }

    public ReadOnlyMemory<byte> CreateTimeoutResponse(LambdaInvocation invocation) => _timeoutResponse;
}
