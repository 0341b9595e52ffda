using System.Net;
using Microsoft.AspNetCore.Http;

namespace Goals.Lambda.Gateway;

/// <summary>An API Gateway event reduced to what an HTTP server would have read off the wire.</summary>
internal sealed record GatewayRequest(
    ApiGatewayPayloadFormat Format,
    string Method,
    string Scheme,
    string Protocol,
    string PathBase,
    string Path,
    string QueryString,
    string RawTarget,
    HeaderDictionary Headers,
    byte[] Body,
    IPAddress? RemoteIpAddress,
    ApiGatewayRequestContextFeature Context);
