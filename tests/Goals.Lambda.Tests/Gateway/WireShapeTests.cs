using System.Text.Json;
using Goals.Lambda.Gateway;
using Goals.Lambda.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Goals.Lambda.Tests.Gateway;

/// <summary>Our responses use exactly the property names of the upstream response samples.</summary>
public sealed class WireShapeTests
{
    private static readonly HeaderDictionary JsonHeaders = new() { ["Content-Type"] = "application/json", ["Set-Cookie"] = new(["a=1", "b=2"]) };

    [Fact]
    public void V1_response_uses_the_rest_proxy_response_property_names()
    {
        var ours = Write(ApiGatewayPayloadFormat.RestV1, 200);
        var sample = Names(Fixtures.Text("aws-lambda-go/apigw-response.json")).Append("isBase64Encoded");

        Assert.Subset(sample.ToHashSet(), Names(ours).ToHashSet());
    }

    [Fact]
    public void V2_response_uses_the_payload_2_0_property_names()
    {
        var ours = Write(ApiGatewayPayloadFormat.HttpApiV2, 201);
        var sample = Names(Fixtures.Text("aws-lambda-go/lambda-urls-response.json"));

        Assert.Equal(sample.Order(), Names(ours).Order());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    public void Impossible_status_codes_become_500_instead_of_a_gateway_error(int status)
    {
        // API Gateway turns statusCode 0 into its own 502 (REST) / 500 (HTTP API) with an opaque body:
        // see V1_HandlesZeroStatusCodeRest.json and V2_HandlesZeroStatusCode.json.
        var observed = JsonDocument.Parse(Fixtures.Text("aws-lambda-dotnet/apigw-observed/V2_HandlesZeroStatusCode.json")).RootElement;
        Assert.Equal(500, observed.GetProperty("StatusCode").GetInt32());

        using var ours = JsonDocument.Parse(Write(ApiGatewayPayloadFormat.HttpApiV2, status));

        Assert.Equal(500, ours.RootElement.GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public void Sqs_batch_response_matches_the_sample_shape()
    {
        var sample = JsonDocument.Parse(Fixtures.Text("aws-lambda-dotnet/sqs-response.json")).RootElement;
        var ours = JsonSerializer.SerializeToElement(
            new Goals.Lambda.Sqs.SqsBatchResponse([new("MessageID_1"), new("MessageID_2")]),
            Goals.Lambda.Sqs.SqsJsonContext.Default.SqsBatchResponse);

        Assert.True(JsonElement.DeepEquals(sample, ours), ours.GetRawText());
    }

    private static string Write(ApiGatewayPayloadFormat format, int status) =>
        System.Text.Encoding.UTF8.GetString(GatewayResponseWriter.Write(format, status, JsonHeaders, "{\"ok\":true}"u8.ToArray(), ApiGatewayOptions.LambdaResponsePayloadLimit));

    private static string[] Names(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateObject().Select(p => p.Name).ToArray();
}
