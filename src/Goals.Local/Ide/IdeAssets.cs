using System.Text.Json;
using Goals.Api.Configuration;
using Goals.Api.Hosting;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Goals.Local.Ide;

/// <summary>
/// Banana Cake Pop (npm @chillicream/bananacakepop-graphql-ide, pinned in src/Goals.Local/ide/package.json) served at
/// GET /graphql for browsers. The bundle is installed by the build (npm ci) and copied next to the app as ide/;
/// nothing of it is committed. Its index.html gets a &lt;base href&gt; so the relative asset paths resolve under /graphql/,
/// and bcp-config.json (which the IDE fetches beside index.html) makes it use the page URL as the endpoint, with telemetry off.
/// </summary>
public sealed class IdeAssets(GraphQLOptions settings, ILogger<IdeAssets> logger) : IGraphQLIde
{
    private const string PackagePath = "node_modules/@chillicream/bananacakepop-graphql-ide";
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();
    private readonly Lazy<IFileProvider?> _files = new(() => Locate(settings.IdeDirectory, logger));
    private string? _index;

    private static PhysicalFileProvider? Locate(string? configured, ILogger logger)
    {
        var candidates = new List<string>();
        if (!string.IsNullOrEmpty(configured)) candidates.Add(configured);
        candidates.Add(Path.Combine(AppContext.BaseDirectory, "ide"));
        if (RepositoryRoot.Find() is { } root)
            candidates.Add(Path.Combine(root, "src", "Goals.Local", "ide", PackagePath));
        foreach (var dir in candidates)
        {
            if (File.Exists(Path.Combine(dir, "index.html"))) return new PhysicalFileProvider(Path.GetFullPath(dir));
        }

        logger.LogWarning("Banana Cake Pop is not installed (looked in {Directories}); run a build, which runs npm ci in src/Goals.Local/ide",
            string.Join(", ", candidates));
        return null;
    }

    public void MapAssets(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/graphql/{**path}", ServeFileAsync);
        endpoints.MapGet("/bcp-config.json", ServeConfigAsync);
    }

    public async Task ServeIndexAsync(HttpContext context)
    {
        if (_files.Value is not { } files)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("The GraphQL IDE is not installed: build the project (it runs npm ci in src/Goals.Local/ide).");
            return;
        }

        if (_index is null)
        {
            using var reader = new StreamReader(files.GetFileInfo("index.html").CreateReadStream());
            var html = await reader.ReadToEndAsync();
            _index = html.Replace("<head>", "<head><base href=\"__BASE__\"/>", StringComparison.Ordinal);
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.WriteAsync(_index.Replace("__BASE__", context.Request.PathBase + "/graphql/", StringComparison.Ordinal));
    }

    public async Task ServeFileAsync(HttpContext context, string path)
    {
        if (path == "bcp-config.json")
        {
            await ServeConfigAsync(context);
            return;
        }

        if (_files.Value is not { } files || path.Contains("..", StringComparison.Ordinal) || files.GetFileInfo(path) is not { Exists: true, IsDirectory: false } file)
        {
            if (path.Length == 0)
            {
                await ServeIndexAsync(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = ContentTypes.TryGetContentType(path, out var type) ? type : "application/octet-stream";
        context.Response.ContentLength = file.Length;
        context.Response.Headers.CacheControl = path.StartsWith("static/", StringComparison.Ordinal) ? "public, max-age=31536000, immutable" : "no-cache";
        await context.Response.SendFileAsync(file, context.RequestAborted);
    }

    /// <summary>The IDE's preset: the endpoint is the page URL (/graphql), no telemetry, no analytics.</summary>
    public async Task ServeConfigAsync(HttpContext context)
    {
        if (!settings.Ide)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteBoolean("useBrowserUrlAsEndpoint", true);
        writer.WriteString("endpoint", $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/graphql");
        writer.WriteString("title", "Goals API");
        writer.WriteBoolean("disableTelemetry", true);
        writer.WriteNull("gaTrackingId");
        writer.WriteBoolean("includeCookies", false);
        writer.WriteBoolean("useGet", false);
        writer.WriteEndObject();
    }
}
