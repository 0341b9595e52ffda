using System.Text.Json;

namespace Goals.Lambda.Gateway;

/// <summary>
/// What API Gateway knew about the request beyond HTTP: ids, stage and what its authorizer verified.
/// Read it with <c>HttpContext.Features.Get&lt;IApiGatewayRequestContextFeature&gt;()</c>; absent outside Lambda.
/// </summary>
public interface IApiGatewayRequestContextFeature
{
    ApiGatewayPayloadFormat PayloadFormat { get; }

    /// <summary>API Gateway's request id (also <c>HttpContext.TraceIdentifier</c>).</summary>
    string? RequestId { get; }

    /// <summary>The Lambda invocation's request id.</summary>
    string LambdaRequestId { get; }

    string? Stage { get; }

    /// <summary>v1 <c>requestContext.authorizer.claims</c> or v2 <c>requestContext.authorizer.jwt.claims</c>; non-string values as raw JSON.</summary>
    IReadOnlyDictionary<string, string> Claims { get; }

    /// <summary>v2 <c>requestContext.authorizer.jwt.scopes</c> or v1 <c>requestContext.authorizer.scopes</c>.</summary>
    IReadOnlyList<string> Scopes { get; }

    /// <summary>The raw <c>requestContext.authorizer</c> object (Lambda authorizer context etc.), if any.</summary>
    JsonElement? Authorizer { get; }

    /// <summary>The raw <c>requestContext</c> object.</summary>
    JsonElement RequestContext { get; }
}

internal sealed record ApiGatewayRequestContextFeature(
    ApiGatewayPayloadFormat PayloadFormat,
    string? RequestId,
    string LambdaRequestId,
    string? Stage,
    IReadOnlyDictionary<string, string> Claims,
    IReadOnlyList<string> Scopes,
    JsonElement? Authorizer,
    JsonElement RequestContext) : IApiGatewayRequestContextFeature;
