namespace Goals.Lambda.Gateway;

public enum ApiGatewayPayloadFormat
{
    /// <summary>REST API proxy integration (no <c>version</c> field).</summary>
    RestV1,

    /// <summary>HTTP API, payload format 1.0 (REST shape plus a <c>version</c> field).</summary>
    HttpApiV1,

    /// <summary>HTTP API, payload format 2.0 (<c>rawPath</c>, <c>rawQueryString</c>, <c>cookies</c>).</summary>
    HttpApiV2,
}
