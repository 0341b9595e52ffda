using System.Text.Json.Serialization;

namespace Goals.Lambda.Gateway;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ApiGatewayRequestEvent))]
[JsonSerializable(typeof(ApiGatewayV1Response))]
[JsonSerializable(typeof(ApiGatewayV2Response))]
[JsonSerializable(typeof(GraphQLErrorBody))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext
{
}
