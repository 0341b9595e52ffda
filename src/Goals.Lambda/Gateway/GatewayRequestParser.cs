using System.Net;
using System.Text;
using System.Text.Json;
using Goals.Lambda.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Goals.Lambda.Gateway;

/// <summary>Turns the raw bytes of an API Gateway proxy event into a <see cref="GatewayRequest"/>.</summary>
internal static class GatewayRequestParser
{
    private const string DefaultStage = "$default";

    private static readonly JsonElement EmptyObject = JsonSerializer.SerializeToElement(new Dictionary<string, string>(), GatewayJsonContext.Default.DictionaryStringString);

    /// <exception cref="GatewayEventException">Not JSON, not a proxy event, or a body flagged base64 that is not.</exception>
    public static GatewayRequest Parse(LambdaInvocation invocation)
    {
        using var document = ParseDocument(invocation.Event);
        ApiGatewayRequestEvent evt;
        try
        {
            evt = document.RootElement.Deserialize(GatewayJsonContext.Default.ApiGatewayRequestEvent)
                ?? throw new GatewayEventException("The event is JSON null.");
        }
        catch (JsonException exception)
        {
            throw new GatewayEventException("The event does not have the shape of an API Gateway proxy event.", exception);
        }

        var rawContext = document.RootElement.TryGetProperty("requestContext", out var context) && context.ValueKind == JsonValueKind.Object
            ? context.Clone()
            : EmptyObject;

        // Shape decides, not "version": an HTTP API payload 1.0 event has been seen with "version": 2 (a number).
        return evt.RawPath is not null || evt.RequestContext?.Http?.Method is not null
            ? ParseV2(evt, rawContext, invocation.RequestId)
            : evt.HttpMethod is not null
                ? ParseV1(evt, rawContext, invocation.RequestId)
                : throw new GatewayEventException("The event has neither httpMethod (payload 1.0) nor requestContext.http.method (payload 2.0).");
    }

    private static JsonDocument ParseDocument(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            return JsonDocument.Parse(Utf8Bom.Strip(bytes));
        }
        catch (JsonException exception)
        {
            throw new GatewayEventException("The event is not valid JSON.", exception);
        }
    }

    private static GatewayRequest ParseV1(ApiGatewayRequestEvent evt, JsonElement rawContext, string lambdaRequestId)
    {
        var format = evt.Version is null ? ApiGatewayPayloadFormat.RestV1 : ApiGatewayPayloadFormat.HttpApiV1;
        var path = string.IsNullOrEmpty(evt.Path) ? "/" : evt.Path;
        var pathBase = PathBaseFromContextPath(evt.RequestContext?.Path, path);
        var headers = new HeaderDictionary();
        foreach (var (name, values) in evt.MultiValueHeaders ?? [])
        {
            headers[name] = values?.Where(v => v is not null).ToArray() ?? [];
        }

        foreach (var (name, value) in evt.Headers ?? [])
        {
            if (!headers.ContainsKey(name))
            {
                headers[name] = value;
            }
        }

        var query = GatewayQueryString.FromMaps(evt.MultiValueQueryStringParameters, evt.QueryStringParameters);
        var protocol = evt.RequestContext?.Protocol;
        return Build(evt, format, pathBase, path, query, headers, protocol, evt.RequestContext?.Identity?.SourceIp, rawContext, lambdaRequestId, evt.HttpMethod!);
    }

    private static GatewayRequest ParseV2(ApiGatewayRequestEvent evt, JsonElement rawContext, string lambdaRequestId)
    {
        var http = evt.RequestContext?.Http;
        var method = http?.Method ?? throw new GatewayEventException("The payload 2.0 event has no requestContext.http.method.");
        var rawPath = evt.RawPath ?? http.Path ?? "/";
        var (pathBase, path) = SplitStage(rawPath, evt.RequestContext?.Stage);
        var headers = new HeaderDictionary();
        foreach (var (name, value) in evt.Headers ?? [])
        {
            // Never split on commas: User-Agent, Accept and signature headers legitimately contain them.
            headers[name] = value;
        }

        var cookies = evt.Cookies?.Where(c => !string.IsNullOrEmpty(c)).ToArray() ?? [];
        if (cookies.Length > 0)
        {
            headers[HeaderNames.Cookie] = string.Join("; ", cookies);
        }

        var query = GatewayQueryString.FromRaw(evt.RawQueryString);
        return Build(evt, ApiGatewayPayloadFormat.HttpApiV2, pathBase, path, query, headers, http.Protocol, http.SourceIp, rawContext, lambdaRequestId, method);
    }

    private static GatewayRequest Build(
        ApiGatewayRequestEvent evt,
        ApiGatewayPayloadFormat format,
        string pathBase,
        string path,
        string query,
        HeaderDictionary headers,
        string? protocol,
        string? sourceIp,
        JsonElement rawContext,
        string lambdaRequestId,
        string method)
    {
        var body = DecodeBody(evt);
        if (body.Length > 0 || headers.ContainsKey(HeaderNames.ContentLength))
        {
            headers.ContentLength = body.Length;
        }

        if (!headers.ContainsKey(HeaderNames.Host))
        {
            headers[HeaderNames.Host] = evt.RequestContext?.DomainName ?? "localhost";
        }

        var escapedBase = GatewayPath.Escape(pathBase);
        var escapedPath = GatewayPath.Escape(path);
        var authorizer = evt.RequestContext?.Authorizer;
        var feature = new ApiGatewayRequestContextFeature(
            format,
            evt.RequestContext?.RequestId,
            lambdaRequestId,
            evt.RequestContext?.Stage,
            AuthorizerClaims.Claims(authorizer),
            AuthorizerClaims.Scopes(authorizer),
            authorizer is { ValueKind: JsonValueKind.Object } ? authorizer : null,
            rawContext);
        return new GatewayRequest(
            format,
            method.ToUpperInvariant(),
            headers.TryGetValue("X-Forwarded-Proto", out var proto) && !string.IsNullOrEmpty(proto) ? proto.ToString() : "https",
            string.IsNullOrEmpty(protocol) ? "HTTP/1.1" : protocol,
            GatewayPath.Decode(escapedBase),
            GatewayPath.Decode(escapedPath),
            query,
            escapedBase + escapedPath + query,
            headers,
            body,
            ParseSourceIp(sourceIp),
            feature);
    }

    private static byte[] DecodeBody(ApiGatewayRequestEvent evt)
    {
        if (string.IsNullOrEmpty(evt.Body))
        {
            return [];
        }

        if (evt.IsBase64Encoded != true)
        {
            return Encoding.UTF8.GetBytes(evt.Body);
        }

        var buffer = new byte[evt.Body.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(evt.Body, buffer, out var written)
            ? buffer[..written]
            : throw new GatewayEventException("The request body is marked isBase64Encoded but is not valid base64.");
    }

    /// <summary>REST: <c>requestContext.path</c> = stage (or base-path mapping) + <c>path</c>.</summary>
    private static string PathBaseFromContextPath(string? contextPath, string path)
    {
        if (string.IsNullOrEmpty(contextPath) || contextPath.Length <= path.Length || !contextPath.EndsWith(path, StringComparison.Ordinal))
        {
            return string.Empty;
        }

        var prefix = contextPath[..^path.Length].TrimEnd('/');
        return prefix.StartsWith('/') ? prefix : string.Empty;
    }

    /// <summary>HTTP API: a named stage appears as the first segment of <c>rawPath</c>; <c>$default</c> has none.</summary>
    private static (string PathBase, string Path) SplitStage(string rawPath, string? stage)
    {
        if (string.IsNullOrEmpty(stage) || stage == DefaultStage)
        {
            return (string.Empty, rawPath);
        }

        var prefix = "/" + stage;
        if (!rawPath.StartsWith(prefix, StringComparison.Ordinal) || (rawPath.Length > prefix.Length && rawPath[prefix.Length] != '/'))
        {
            return (string.Empty, rawPath);
        }

        var rest = rawPath[prefix.Length..];
        return (prefix, rest.Length == 0 ? "/" : rest);
    }

    private static IPAddress? ParseSourceIp(string? sourceIp)
    {
        if (string.IsNullOrEmpty(sourceIp))
        {
            return null;
        }

        // Some test events carry CIDR notation ("192.168.0.1/32").
        var slash = sourceIp.IndexOf('/', StringComparison.Ordinal);
        return IPAddress.TryParse(slash < 0 ? sourceIp : sourceIp[..slash], out var address) ? address : null;
    }
}
