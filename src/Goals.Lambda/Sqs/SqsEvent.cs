using System.Text.Json.Serialization;

namespace Goals.Lambda.Sqs;

public sealed class SqsEvent
{
    [JsonPropertyName("Records")]
    public IReadOnlyList<SqsRecord> Records { get; set; } = [];
}

public sealed class SqsRecord
{
    public string MessageId { get; set; } = string.Empty;
    public string? ReceiptHandle { get; set; }
    public string? Body { get; set; }
    public string? Md5OfBody { get; set; }
    public string? Md5OfMessageAttributes { get; set; }
    public string? EventSource { get; set; }

    [JsonPropertyName("eventSourceARN")]
    public string? EventSourceArn { get; set; }

    public string? AwsRegion { get; set; }
    public Dictionary<string, string> Attributes { get; set; } = [];
    public Dictionary<string, SqsMessageAttributeValue> MessageAttributes { get; set; } = [];
}

/// <summary>One message attribute (AWS: MessageAttributeValue). Binary values stay base64 text: SQS test events carry placeholders that are not valid base64.</summary>
public sealed class SqsMessageAttributeValue
{
    public string? DataType { get; set; }
    public string? StringValue { get; set; }
    public string? BinaryValue { get; set; }
    public IReadOnlyList<string>? StringListValues { get; set; }
    public IReadOnlyList<string>? BinaryListValues { get; set; }
}
