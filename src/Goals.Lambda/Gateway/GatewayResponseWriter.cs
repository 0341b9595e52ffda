using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Goals.Lambda.Gateway;

/// <summary>Serialises what the app wrote into the proxy response of the event's payload format.</summary>
internal static class GatewayResponseWriter
{
    /// <summary>
    /// Used when the app sets none. REST would say <c>application/json</c> and HTTP API <c>text/plain</c>;
    /// we always send one, and JSON is what this API speaks.
    /// </summary>
    public const string DefaultContentType = "application/json";

    public static byte[] Write(ApiGatewayPayloadFormat format, int statusCode, IHeaderDictionary headers, ReadOnlyMemory<byte> body, int maxPayloadBytes)
    {
        // Copied: the app's headers are read-only once the response has started.
        IHeaderDictionary outgoing = new HeaderDictionary();
        foreach (var header in headers.Where(h => !IsHopByHop(h.Key)))
        {
            outgoing[header.Key] = header.Value;
        }

        if (string.IsNullOrEmpty(outgoing.ContentType))
        {
            outgoing.ContentType = DefaultContentType;
        }

        headers = outgoing;
        var (text, isBase64) = EncodeBody(headers, body.Span);
        var status = statusCode is >= 100 and <= 599 ? statusCode : StatusCodes.Status500InternalServerError;
        var payload = format == ApiGatewayPayloadFormat.HttpApiV2
            ? JsonSerializer.SerializeToUtf8Bytes(V2(status, headers, text, isBase64), GatewayJsonContext.Default.ApiGatewayV2Response)
            : JsonSerializer.SerializeToUtf8Bytes(V1(status, headers, text, isBase64), GatewayJsonContext.Default.ApiGatewayV1Response);
        return payload.Length <= maxPayloadBytes ? payload : GatewayErrorResponses.ResponseTooLarge(payload.Length, maxPayloadBytes);
    }

    private static (string? Text, bool IsBase64) EncodeBody(IHeaderDictionary headers, ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return (null, false);
        }

        var encoding = headers[HeaderNames.ContentEncoding].ToString();
        var compressed = encoding.Length > 0 && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase);
        return !compressed && TextContentTypes.IsText(headers[HeaderNames.ContentType]) && Utf8.IsValid(body)
            ? (Encoding.UTF8.GetString(body), false)
            : (Convert.ToBase64String(body), true);
    }

    private static ApiGatewayV1Response V1(int status, IHeaderDictionary headers, string? body, bool isBase64) => new()
    {
        StatusCode = status,
        // Multi-value headers carry repeated headers (Set-Cookie!) as separate values; never comma-joined.
        MultiValueHeaders = headers.ToDictionary(h => h.Key, h => h.Value.Where(v => v is not null).Select(v => v!).ToList(), StringComparer.OrdinalIgnoreCase),
        Body = body,
        IsBase64Encoded = isBase64,
    };

    private static ApiGatewayV2Response V2(int status, IHeaderDictionary headers, string? body, bool isBase64)
    {
        var cookies = headers[HeaderNames.SetCookie].Where(v => v is not null).Select(v => v!).ToList();
        return new ApiGatewayV2Response
        {
            StatusCode = status,
            // Payload 2.0 has no multi-value headers: repeated values are comma-joined (valid HTTP for
            // every header except Set-Cookie, which goes to cookies[]).
            Headers = headers
                .Where(h => !h.Key.Equals(HeaderNames.SetCookie, StringComparison.OrdinalIgnoreCase))
                .ToDictionary(h => h.Key, h => string.Join(',', h.Value.Where(v => v is not null)), StringComparer.OrdinalIgnoreCase),
            Cookies = cookies.Count > 0 ? cookies : null,
            Body = body,
            IsBase64Encoded = isBase64,
        };
    }

    /// <summary>The gateway owns the connection and the framing; these would be wrong or rejected.</summary>
    private static bool IsHopByHop(string name) =>
        name.Equals(HeaderNames.TransferEncoding, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.Connection, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.KeepAlive, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase);
}
