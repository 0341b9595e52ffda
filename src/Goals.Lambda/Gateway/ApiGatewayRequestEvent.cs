using System.Text.Json;

namespace Goals.Lambda.Gateway;

/// <summary>Wire model covering REST v1, HTTP API payload 1.0 and 2.0; the parser decides which by shape.</summary>
internal sealed class ApiGatewayRequestEvent
{
    public JsonElement? Version { get; set; }
    public string? Path { get; set; }
    public string? HttpMethod { get; set; }
    public string? RawPath { get; set; }
    public string? RawQueryString { get; set; }
    public Dictionary<string, string?>? Headers { get; set; }
    public Dictionary<string, List<string?>?>? MultiValueHeaders { get; set; }
    public Dictionary<string, string?>? QueryStringParameters { get; set; }
    public Dictionary<string, List<string?>?>? MultiValueQueryStringParameters { get; set; }
    public List<string?>? Cookies { get; set; }
    public string? Body { get; set; }
    public bool? IsBase64Encoded { get; set; }
    public ApiGatewayRequestContext? RequestContext { get; set; }
}

internal sealed class ApiGatewayRequestContext
{
    public string? Stage { get; set; }
    public string? RequestId { get; set; }
    public string? Path { get; set; }
    public string? Protocol { get; set; }
    public string? DomainName { get; set; }
    public ApiGatewayIdentity? Identity { get; set; }
    public ApiGatewayHttpDescription? Http { get; set; }
    public JsonElement? Authorizer { get; set; }
}

internal sealed class ApiGatewayIdentity
{
    public string? SourceIp { get; set; }
}

internal sealed class ApiGatewayHttpDescription
{
    public string? Method { get; set; }
    public string? Path { get; set; }
    public string? Protocol { get; set; }
    public string? SourceIp { get; set; }
}
