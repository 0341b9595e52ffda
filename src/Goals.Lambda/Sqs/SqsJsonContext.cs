using System.Text.Json.Serialization;

namespace Goals.Lambda.Sqs;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(SqsBatchResponse))]
internal sealed partial class SqsJsonContext : JsonSerializerContext
{
}
