using Goals.Api.Http;

namespace Goals.Api.Jobs.Files;

/// <summary>The local store's signed links: GET /jobs/files/{key} downloads an export, PUT /jobs/uploads/{key} takes an
/// import file. A missing, wrong or expired signature is a GraphQL-shaped 403; no token is needed (the link is the grant).</summary>
public static class JobFileEndpoints
{
    public const long MaxUploadBytes = 256L * 1024 * 1024;

    public static void Map(WebApplication app)
    {
        app.MapGet(LocalJobFileStore.DownloadPath + "{**key}", async (HttpContext context, string key, LocalJobFileStore store) =>
        {
            if (Verified(context, store, "GET", key) is not { } verified)
            {
                await Forbidden(context);
                return;
            }

            await using var file = await store.OpenReadAsync(verified, context.RequestAborted);
            if (file is null)
            {
                await GraphQLResponseWriter.WriteProblemAsync(context, StatusCodes.Status404NotFound, GraphQLContentNegotiation.Json,
                    "The file no longer exists.", ErrorCodes.NotFound);
                return;
            }

            context.Response.ContentType = verified.EndsWith(".zip", StringComparison.Ordinal) ? "application/zip" : "application/json";
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{Path.GetFileName(verified)}\"";
            context.Response.ContentLength = file.Length;
            await file.CopyToAsync(context.Response.Body, context.RequestAborted);
        });

        app.MapPut(LocalJobFileStore.UploadPath + "{**key}", async (HttpContext context, string key, LocalJobFileStore store) =>
        {
            if (Verified(context, store, "PUT", key) is not { } verified)
            {
                await Forbidden(context);
                return;
            }

            var feature = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>();
            if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = MaxUploadBytes;
            var target = store.PathOf(verified);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var partial = target + ".partial";
            await using (var file = File.Create(partial))
            {
                await context.Request.Body.CopyToAsync(file, context.RequestAborted);
            }

            File.Move(partial, target, overwrite: true);
            context.Response.StatusCode = StatusCodes.Status200OK;
        });
    }

    private static string? Verified(HttpContext context, LocalJobFileStore store, string method, string key) =>
        store.Verify(method, key, context.Request.Query["expires"], context.Request.Query["sig"], DateTimeOffset.UtcNow);

    private static Task Forbidden(HttpContext context) =>
        GraphQLResponseWriter.WriteProblemAsync(context, StatusCodes.Status403Forbidden, GraphQLContentNegotiation.Json,
            "The link is invalid or has expired.", ErrorCodes.Forbidden);
}
