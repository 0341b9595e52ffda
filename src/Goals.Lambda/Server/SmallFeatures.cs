using Microsoft.AspNetCore.Http.Features;

namespace Goals.Lambda.Server;

internal sealed class BodyControlFeature : IHttpBodyControlFeature
{
    public bool AllowSynchronousIO { get; set; }
}

internal sealed class RequestBodyDetectionFeature(bool canHaveBody) : IHttpRequestBodyDetectionFeature
{
    public bool CanHaveBody { get; } = canHaveBody;
}

/// <summary>The gateway already enforced its own body limit (10 MB REST/HTTP API, 6 MB Lambda).</summary>
internal sealed class FixedMaxRequestBodySizeFeature : IHttpMaxRequestBodySizeFeature
{
    public bool IsReadOnly => true;

    public long? MaxRequestBodySize
    {
        get => null;
        set => throw new InvalidOperationException("The request body has already been read by API Gateway.");
    }
}
