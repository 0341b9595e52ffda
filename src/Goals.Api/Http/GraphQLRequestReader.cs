using System.Buffers;
using System.Text;
using System.Text.Json;
using Goals.GraphQL.Execution;
using Microsoft.Net.Http.Headers;

namespace Goals.Api.Http;

/// <summary>The GraphQL parameters of one HTTP request, before the engine sees them.</summary>
internal sealed record GraphQLParams(string? Query, string? OperationName, IReadOnlyDictionary<string, object?>? Variables,
    PersistedQueryExtension? PersistedQuery);

/// <summary>A request the client got wrong: answered with <see cref="Status"/> and a GraphQL-shaped BAD_REQUEST body.</summary>
internal sealed class GraphQLRequestProblem(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>
/// Reads GraphQL parameters from GET query strings and POST application/json bodies. Everything a client can get
/// wrong becomes a <see cref="GraphQLRequestProblem"/> (4xx): sizes, media types, JSON syntax and shape, invalid UTF-8
/// (raw or percent-encoded), escaped lone surrogates, and the server's own complaints about the body's framing, timing
/// or size (<see cref="BadHttpRequestException"/>: truncated, stalled, malformed chunks).
/// </summary>
internal static class GraphQLRequestReader
{
    public static GraphQLParams ReadGet(HttpRequest request, int maxBytes)
    {
        if (request.QueryString.Value is { } raw)
        {
            if (raw.Length - 1 > maxBytes) // without the '?'
                throw new GraphQLRequestProblem(StatusCodes.Status414UriTooLong, $"The query string is larger than {maxBytes} bytes; send large queries with POST.");
            if (!PercentEncoding.DecodesToUtf8(raw))
                throw new GraphQLRequestProblem(400, "The query string is not valid UTF-8 once percent-decoded.");
        }

        var query = Single(request.Query, "query");
        var variables = ParseJsonParameter(Single(request.Query, "variables"), "variables");
        var persisted = PersistedQueryExtension.From(ParseJsonParameter(Single(request.Query, "extensions"), "extensions"));
        if (string.IsNullOrEmpty(query) && persisted is null) throw new GraphQLRequestProblem(400, "The 'query' parameter is missing.");
        return new GraphQLParams(query, NullIfEmpty(Single(request.Query, "operationName")), variables, persisted);
    }

    public static async Task<GraphQLParams> ReadPostAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType))
            throw new GraphQLRequestProblem(StatusCodes.Status415UnsupportedMediaType, "POST requests need Content-Type: application/json.");
        if (!contentType.MediaType.Equals(GraphQLContentNegotiation.Json, StringComparison.OrdinalIgnoreCase))
            throw new GraphQLRequestProblem(StatusCodes.Status415UnsupportedMediaType, $"Content-Type {contentType.MediaType} is not supported; use application/json.");
        var charset = contentType.Charset.Value;
        if (!string.IsNullOrEmpty(charset) && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            throw new GraphQLRequestProblem(StatusCodes.Status415UnsupportedMediaType, $"Charset {charset} is not supported; use utf-8.");
        if (request.ContentLength > maxBytes) throw TooLarge(maxBytes);

        try
        {
            return await ReadBodyAsync(request.BodyReader, maxBytes, ct);
        }
        catch (BadHttpRequestException badRequest)
        {
            // Kestrel's verdict on the body itself: truncated (400), too slow (408), malformed chunks (400), too large (413).
            throw new GraphQLRequestProblem(badRequest.StatusCode, $"The request body could not be read: {badRequest.Message}");
        }
        catch (IOException io) when (!ct.IsCancellationRequested)
        {
            // Kestrel reports some framing faults this way too (a chunk size that overflows: "Bad chunk size data.").
            throw new GraphQLRequestProblem(400, $"The request body could not be read: {io.Message}");
        }
    }

    private static async Task<GraphQLParams> ReadBodyAsync(System.IO.Pipelines.PipeReader reader, int maxBytes, CancellationToken ct)
    {
        while (true)
        {
            var read = await reader.ReadAsync(ct);
            var buffer = read.Buffer;
            if (buffer.Length > maxBytes)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                throw TooLarge(maxBytes);
            }

            if (!read.IsCompleted)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                continue;
            }

            try
            {
                return ParseBody(buffer);
            }
            finally
            {
                reader.AdvanceTo(buffer.End);
            }
        }
    }

    private static GraphQLRequestProblem TooLarge(int maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {maxBytes} bytes.");

    private static string? Single(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values)) return null;
        if (values.Count > 1) throw new GraphQLRequestProblem(400, $"The '{name}' parameter is given more than once.");
        return values[0];
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static IReadOnlyDictionary<string, object?>? ParseJsonParameter(string? text, string name)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var utf8 = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(text));
        RequireJson(utf8, $"The '{name}' parameter");
        using var json = JsonDocument.Parse(utf8);
        return ToMap(json.RootElement, name);
    }

    private static GraphQLParams ParseBody(ReadOnlySequence<byte> body)
    {
        if (body.IsEmpty) throw new GraphQLRequestProblem(400, "The request body is missing.");
        RequireJson(body, "The request body");
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new GraphQLRequestProblem(400, "The request body must be a JSON object.");
        string? query = null, operationName = null;
        IReadOnlyDictionary<string, object?>? variables = null;
        PersistedQueryExtension? persisted = null;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "query":
                    query = OptionalString(property.Value, "query");
                    break;
                case "operationName":
                    operationName = OptionalString(property.Value, "operationName");
                    break;
                case "variables":
                    variables = ToMap(property.Value, "variables");
                    break;
                case "extensions":
                    persisted = PersistedQueryExtension.From(ToMap(property.Value, "extensions"));
                    break;
            }
        }

        if (string.IsNullOrEmpty(query) && persisted is null) throw new GraphQLRequestProblem(400, "The 'query' parameter is missing.");
        return new GraphQLParams(query, operationName, variables, persisted);
    }

    /// <summary>Syntax, UTF-8 and escapes checked before any string is read, so reading the document cannot fail.</summary>
    private static void RequireJson(ReadOnlySequence<byte> utf8, string what)
    {
        switch (JsonUnicode.Check(utf8))
        {
            case JsonUnicode.Problem.None:
                return;
            case JsonUnicode.Problem.Syntax:
                throw new GraphQLRequestProblem(400, $"{what} is not valid JSON.");
            case JsonUnicode.Problem.InvalidUtf8:
                throw new GraphQLRequestProblem(400, $"{what} is not valid UTF-8.");
            default:
                throw new GraphQLRequestProblem(400, $"{what} holds an escaped lone surrogate (a \\uD800..\\uDFFF escape without its pair): not valid Unicode.");
        }
    }

    private static string? OptionalString(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        _ => throw new GraphQLRequestProblem(400, $"The '{name}' parameter must be a string."),
    };

    private static IReadOnlyDictionary<string, object?>? ToMap(JsonElement element, string name) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.Object => JsonInput.ToVariables(element),
        _ => throw new GraphQLRequestProblem(400, $"The '{name}' parameter must be a JSON object."),
    };
}
