using System.Text.Json.Serialization;

namespace Goals.Lambda.Migrations;

/// <summary>The request CloudFormation sends to a custom resource's Lambda.</summary>
internal sealed class CustomResourceRequest
{
    public string? RequestType { get; set; }

    [JsonPropertyName("ResponseURL")]
    public string? ResponseUrl { get; set; }

    public string? StackId { get; set; }
    public string? RequestId { get; set; }
    public string? LogicalResourceId { get; set; }
    public string? PhysicalResourceId { get; set; }
}

/// <summary>The document PUT to the pre-signed <c>ResponseURL</c>.</summary>
internal sealed record CustomResourceResponse(
    string Status,
    string Reason,
    string PhysicalResourceId,
    string? StackId,
    string? RequestId,
    string? LogicalResourceId);

internal sealed record MigrationResult(string Status, string? Reason);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CustomResourceRequest))]
[JsonSerializable(typeof(CustomResourceResponse))]
[JsonSerializable(typeof(MigrationResult))]
internal sealed partial class MigrationJsonContext : JsonSerializerContext
{
}
