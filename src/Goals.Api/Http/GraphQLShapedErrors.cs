namespace Goals.Api.Http;

/// <summary>
/// The outermost middleware: unhandled exceptions become a GraphQL-shaped 500 without internals; the details go to the
/// log. The server's complaints about a request (BadHttpRequestException: framing, timing, size) are the client's fault:
/// their own 4xx, a Debug line at most. A client that went away gets nothing.
/// </summary>
internal static class GraphQLShapedErrors
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            ErrorLogger(context).LogDebug("The client went away during {Method} {Path}: {Message}", context.Request.Method, context.Request.Path, ex.Message);
        }
        catch (BadHttpRequestException ex)
        {
            ErrorLogger(context).LogDebug("Bad request {Method} {Path}: {Status} {Message}", context.Request.Method, context.Request.Path, ex.StatusCode, ex.Message);
            if (context.Response.HasStarted) return;
            context.Response.Clear();
            await GraphQLResponseWriter.WriteProblemAsync(context, ex.StatusCode, GraphQLContentNegotiation.Json, $"Bad request: {ex.Message}");
        }
        catch (Exception ex)
        {
            ErrorLogger(context).LogError(ex, "Unhandled exception for {Method} {Path}", context.Request.Method, context.Request.Path);
            if (context.Response.HasStarted) throw;
            context.Response.Clear();
            await GraphQLResponseWriter.WriteProblemAsync(context, StatusCodes.Status500InternalServerError, GraphQLContentNegotiation.Json,
                "Internal server error.", ErrorCodes.InternalServerError);
        }
    }

    private static ILogger ErrorLogger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Goals.Api.Errors");
}
