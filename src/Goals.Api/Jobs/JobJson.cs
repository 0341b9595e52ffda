using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Goals.Api.Jobs.Kinds;

namespace Goals.Api.Jobs;

/// <summary>The jobs' JSON (payloads, checkpoints, results, SQS messages), web casing, by generated code (Native AOT).</summary>
internal static class JobJson
{
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Info<T>());

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize(json, Info<T>());

    private static JsonTypeInfo<T> Info<T>() =>
        JobJsonContext.Default.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new InvalidOperationException($"{typeof(T)} is not in {nameof(JobJsonContext)}.");
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ExportJob.Payload), TypeInfoPropertyName = "ExportJobPayload")]
[JsonSerializable(typeof(ExportJob.Result), TypeInfoPropertyName = "ExportJobResult")]
[JsonSerializable(typeof(ImportJob.Payload), TypeInfoPropertyName = "ImportJobPayload")]
[JsonSerializable(typeof(ImportReport))]
[JsonSerializable(typeof(EraseJob.Checkpoint), TypeInfoPropertyName = "EraseJobCheckpoint")]
[JsonSerializable(typeof(EraseJob.Result), TypeInfoPropertyName = "EraseJobResult")]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class JobJsonContext : JsonSerializerContext;
