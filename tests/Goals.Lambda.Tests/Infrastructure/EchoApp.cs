using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Goals.Lambda.Gateway;
using Goals.Lambda.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Goals.Lambda.Tests.Infrastructure;

/// <summary>A tiny ASP.NET Core app on LambdaServer: echoes the request, or misbehaves on purpose.</summary>
internal static class EchoApp
{
    public static readonly byte[] BinaryPayload = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

    public static WebApplication Build()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(TestRuntimeOptions.Create());
        builder.UseLambdaServer();
        var app = builder.Build();
        app.Run(HandleAsync);
        return app;
    }

    private static Task HandleAsync(HttpContext ctx) => ctx.Request.Path.Value switch
    {
        "/binary" => WriteBinaryAsync(ctx),
        "/cookies" => WriteCookiesAsync(ctx),
        "/gzip" => WriteGzipAsync(ctx),
        "/large" => WriteLargeAsync(ctx),
        "/throw" => throw new InvalidOperationException("boom"),
        "/throw-after-write" => WriteThenThrowAsync(ctx),
        "/sleep" => SleepIgnoringCancellationAsync(ctx),
        "/sleep-cooperative" => Task.Delay(TimeSpan.FromSeconds(10), ctx.RequestAborted),
        "/give-up-on-abort" => GiveUpOnAbortAsync(ctx),
        "/no-content-type" => ctx.Response.Body.WriteAsync("Hello, World!"u8.ToArray()).AsTask(),
        "/comma-header" => WriteCommaHeaderAsync(ctx),
        "/on-starting" => WriteWithOnStartingAsync(ctx),
        "/graphql-response" => WriteGraphQLResponseAsync(ctx),
        "/sync-write" => WriteSynchronously(ctx),
        "/no-content" => NoContent(ctx),
        _ => EchoAsync(ctx),
    };

    private static async Task EchoAsync(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var gateway = ctx.Features.Get<IApiGatewayRequestContextFeature>();
        var echo = new JsonObject
        {
            ["method"] = ctx.Request.Method,
            ["scheme"] = ctx.Request.Scheme,
            ["protocol"] = ctx.Request.Protocol,
            ["pathBase"] = ctx.Request.PathBase.Value,
            ["path"] = ctx.Request.Path.Value,
            ["queryString"] = ctx.Request.QueryString.Value,
            ["rawTarget"] = ctx.Features.Get<IHttpRequestFeature>()!.RawTarget,
            ["query"] = Map(ctx.Request.Query.Select(q => (q.Key, q.Value))),
            ["headers"] = Map(ctx.Request.Headers.Select(h => (h.Key, h.Value))),
            ["cookies"] = new JsonObject(ctx.Request.Cookies.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))),
            ["body"] = body,
            ["contentLength"] = ctx.Request.ContentLength,
            ["remoteIp"] = ctx.Connection.RemoteIpAddress?.ToString(),
            ["traceIdentifier"] = ctx.TraceIdentifier,
            ["activityTraceId"] = Activity.Current?.TraceId.ToString(),
            ["xrayEnvironment"] = Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID"),
            ["gateway"] = gateway is null ? null : new JsonObject
            {
                ["format"] = gateway.PayloadFormat.ToString(),
                ["requestId"] = gateway.RequestId,
                ["lambdaRequestId"] = gateway.LambdaRequestId,
                ["stage"] = gateway.Stage,
                ["claims"] = new JsonObject(gateway.Claims.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))),
                ["scopes"] = new JsonArray(gateway.Scopes.Select(s => (JsonNode?)s).ToArray()),
                ["authorizer"] = gateway.Authorizer?.GetRawText(),
            },
        };
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(echo.ToJsonString());
    }

    private static JsonObject Map(IEnumerable<(string Key, Microsoft.Extensions.Primitives.StringValues Values)> pairs) =>
        new(pairs.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)new JsonArray(p.Values.Select(v => (JsonNode?)v).ToArray()))));

    private static Task WriteBinaryAsync(HttpContext ctx)
    {
        ctx.Response.ContentType = "image/png";
        return ctx.Response.Body.WriteAsync(BinaryPayload).AsTask();
    }

    private static Task WriteCookiesAsync(HttpContext ctx)
    {
        ctx.Response.Cookies.Append("session", "abc", new CookieOptions { HttpOnly = true, Path = "/" });
        ctx.Response.Cookies.Append("theme", "dark");
        ctx.Response.Cookies.Append("expires", "soon", new CookieOptions { Expires = new DateTimeOffset(2030, 10, 21, 7, 28, 0, TimeSpan.Zero) });
        ctx.Response.Headers.Append("X-Multi", "one");
        ctx.Response.Headers.Append("X-Multi", "two");
        ctx.Response.ContentType = "text/plain; charset=utf-8";
        return ctx.Response.WriteAsync("cookies set");
    }

    private static async Task WriteGzipAsync(HttpContext ctx)
    {
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync("{\"hello\":\"world\"}"u8.ToArray());
        }

        ctx.Response.ContentType = "application/json";
        ctx.Response.Headers.ContentEncoding = "gzip";
        await ctx.Response.Body.WriteAsync(compressed.ToArray());
    }

    private static Task WriteLargeAsync(HttpContext ctx)
    {
        ctx.Response.ContentType = "text/plain";
        return ctx.Response.Body.WriteAsync(Encoding.ASCII.GetBytes(new string('x', 7 * 1024 * 1024))).AsTask();
    }

    private static async Task WriteThenThrowAsync(HttpContext ctx)
    {
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync("{\"partial\":");
        throw new InvalidOperationException("failed half-way");
    }

    /// <summary>What many apps do when RequestAborted fires: stop and return without writing anything.</summary>
    private static async Task GiveUpOnAbortAsync(HttpContext ctx)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(10), ctx.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task SleepIgnoringCancellationAsync(HttpContext ctx)
    {
        await Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None);
        await ctx.Response.WriteAsync("too late");
    }

    private static Task WriteCommaHeaderAsync(HttpContext ctx)
    {
        ctx.Response.Headers["myheader"] = "test,other";
        ctx.Response.ContentType = "application/json";
        return ctx.Response.WriteAsync("{\"message\":\"With Multiple Headers\"}");
    }

    private static Task WriteWithOnStartingAsync(HttpContext ctx)
    {
        ctx.Response.OnStarting(() =>
        {
            ctx.Response.Headers["X-Started"] = "yes";
            return Task.CompletedTask;
        });
        ctx.Response.ContentType = "text/plain";
        return ctx.Response.WriteAsync("started");
    }

    private static Task WriteSynchronously(HttpContext ctx)
    {
        ctx.Response.Body.Write("sync"u8);
        return Task.CompletedTask;
    }

    private static Task NoContent(HttpContext ctx)
    {
        ctx.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private static Task WriteGraphQLResponseAsync(HttpContext ctx)
    {
        ctx.Response.ContentType = "application/graphql-response+json; charset=utf-8";
        return ctx.Response.WriteAsync("{\"data\":{\"goals\":[]}}");
    }
}
