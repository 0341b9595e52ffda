using Goals.Lambda.Gateway;
using Microsoft.AspNetCore.Http.Features;

namespace Goals.Lambda.Server;

/// <summary>The features Kestrel would provide for a connection, filled from a gateway request.</summary>
internal static class LambdaFeatureCollectionFactory
{
    public static (FeatureCollection Features, LambdaResponseFeature Response) Create(GatewayRequest request, CancellationToken requestAborted)
    {
        var features = new FeatureCollection();
        var traceIdentifier = request.Context.RequestId ?? request.Context.LambdaRequestId;
        features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Protocol = request.Protocol,
            Scheme = request.Scheme,
            Method = request.Method,
            PathBase = request.PathBase,
            Path = request.Path,
            QueryString = request.QueryString,
            RawTarget = request.RawTarget,
            Headers = request.Headers,
            Body = new MemoryStream(request.Body, writable: false),
        });
        features.Set<IHttpRequestBodyDetectionFeature>(new RequestBodyDetectionFeature(request.Body.Length > 0));
        features.Set<IHttpMaxRequestBodySizeFeature>(new FixedMaxRequestBodySizeFeature());
        var bodyControl = new BodyControlFeature();
        features.Set<IHttpBodyControlFeature>(bodyControl);
        var response = new LambdaResponseFeature(bodyControl);
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(response);
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature
        {
            ConnectionId = traceIdentifier,
            RemoteIpAddress = request.RemoteIpAddress,
        });
        features.Set<IHttpRequestIdentifierFeature>(new HttpRequestIdentifierFeature { TraceIdentifier = traceIdentifier });
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = requestAborted });
        features.Set<IItemsFeature>(new ItemsFeature());
        features.Set<IApiGatewayRequestContextFeature>(request.Context);
        return (features, response);
    }
}
