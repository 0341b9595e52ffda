using System.Text.Json;

namespace Goals.Lambda.Gateway;

/// <summary>
/// Responses the bridge makes up itself. They use the shape both gateway formats accept
/// (<c>statusCode/headers/body/isBase64Encoded</c>) and a GraphQL error body.
/// </summary>
internal static class GatewayErrorResponses
{
    public const string BadRequestCode = "BAD_REQUEST";
    public const string TimeoutCode = "TIMEOUT";
    public const string ResponseTooLargeCode = "RESPONSE_TOO_LARGE";

    public static byte[] BadRequest(string message) => Create(400, message, BadRequestCode);

    public static byte[] Timeout() => Create(504, "The request did not complete before the function's deadline.", TimeoutCode);

    public static byte[] ResponseTooLarge(int bytes, int limit) =>
        Create(500, $"The response ({bytes} bytes as a proxy response) exceeds the Lambda payload limit of {limit} bytes.", ResponseTooLargeCode);

    public static byte[] Create(int statusCode, string message, string code)
    {
        var body = new GraphQLErrorBody([new GraphQLError(message, new Dictionary<string, string> { ["code"] = code })]);
        var response = new ApiGatewayV2Response
        {
            StatusCode = statusCode,
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json; charset=utf-8" },
            Body = JsonSerializer.Serialize(body, GatewayJsonContext.Default.GraphQLErrorBody),
        };
        return JsonSerializer.SerializeToUtf8Bytes(response, GatewayJsonContext.Default.ApiGatewayV2Response);
    }
}
