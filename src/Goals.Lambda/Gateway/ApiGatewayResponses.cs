namespace Goals.Lambda.Gateway;

/// <summary>REST / HTTP API payload 1.0 response. Every header goes into <c>multiValueHeaders</c>.</summary>
internal sealed class ApiGatewayV1Response
{
    public int StatusCode { get; set; }
    public Dictionary<string, List<string>>? MultiValueHeaders { get; set; }
    public string? Body { get; set; }
    public bool IsBase64Encoded { get; set; }
}

/// <summary>
/// HTTP API payload 2.0 response. Its <c>statusCode/headers/body/isBase64Encoded</c> subset is also a valid
/// REST response, so errors raised before the format is known use this shape without cookies.
/// </summary>
internal sealed class ApiGatewayV2Response
{
    public int StatusCode { get; set; }
    public Dictionary<string, string>? Headers { get; set; }
    public List<string>? Cookies { get; set; }
    public string? Body { get; set; }
    public bool IsBase64Encoded { get; set; }
}

/// <summary>GraphQL-style error body, so clients of the API see one error shape whatever failed.</summary>
internal sealed record GraphQLErrorBody(IReadOnlyList<GraphQLError> Errors);

internal sealed record GraphQLError(string Message, IReadOnlyDictionary<string, string> Extensions);
