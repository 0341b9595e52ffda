namespace Goals.Lambda.Gateway;

public sealed class ApiGatewayOptions
{
    /// <summary>Lambda's synchronous response limit ("6 MB"): the serialized proxy response, base64 included.</summary>
    public const int LambdaResponsePayloadLimit = 6_291_556;

    public int MaxResponsePayloadBytes { get; set; } = LambdaResponsePayloadLimit;
}
