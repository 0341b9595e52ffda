using System.Text.Json;
using Goals.GraphQL.Execution;

namespace Goals.Api.Http;

/// <summary>Writes GraphQL answers with a Utf8JsonWriter straight into the response PipeWriter.</summary>
public static class GraphQLResponseWriter
{
    /// <summary>An execution result, with the status <see cref="StatusOf"/> gave it.</summary>
    public static async Task WriteResultAsync(HttpContext http, int status, string mediaType, ExecutionResult result)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        await using (var writer = new Utf8JsonWriter(http.Response.BodyWriter))
        {
            result.WriteTo(writer);
        }

        await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
    }

    /// <summary>With application/json every well-formed GraphQL request is 200; with graphql-response+json a request error
    /// (parse, validation, variable coercion: no data) is 400.</summary>
    public static int StatusOf(string mediaType, ExecutionResult result) =>
        mediaType == GraphQLContentNegotiation.GraphQLResponseJson && !result.HasData ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;

    /// <summary>A GraphQL-shaped error body (no "data") for requests that never reached execution; written by hand so it
    /// works even when the engine itself is what failed.</summary>
    public static async Task WriteProblemAsync(HttpContext http, int status, string mediaType, string message, string code = ErrorCodes.BadRequest)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        await using (var writer = new Utf8JsonWriter(http.Response.BodyWriter))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("errors");
            writer.WriteStartObject();
            writer.WriteString("message", message);
            writer.WriteStartObject("extensions");
            writer.WriteString("code", code);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
    }
}
