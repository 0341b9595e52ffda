using Goals.Api.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Goals.Api.Hosting;

/// <summary>
/// Kestrel's limits for `serve`, derived from `GraphQL:MaxRequestBytes` so the app, not Kestrel, answers requests
/// near the limit (Kestrel's own rejections come before the app and have an empty body): the request line may be up to
/// four times the limit (the handler answers 414 with a GraphQL body for a query string over the limit; only a request
/// line beyond 4× gets Kestrel's bare 414), the body is capped at the limit (413), and a body that stalls below
/// 240 bytes/s after a 5 s grace period is a 408 (Kestrel's default, set here on purpose).
/// </summary>
public static class KestrelLimits
{
    public const int RequestLineSlack = 8 * 1024;
    public const int MinBodyBytesPerSecond = 240;
    public static readonly TimeSpan BodyGracePeriod = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddGoalsKestrelLimits(this IServiceCollection services)
    {
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<GraphQLOptions>>((options, graphQL) => Apply(options, graphQL.Value));
        return services;
    }

    public static int MaxRequestLineSize(GraphQLOptions settings) =>
        (int)Math.Min(int.MaxValue / 2, 4L * settings.MaxRequestBytes + RequestLineSlack);

    private static void Apply(KestrelServerOptions options, GraphQLOptions settings)
    {
        var limits = options.Limits;
        limits.MaxRequestLineSize = MaxRequestLineSize(settings);
        if (limits.MaxRequestBufferSize is { } buffer) // null = unbounded: leave it
            limits.MaxRequestBufferSize = Math.Max(buffer, (long)limits.MaxRequestLineSize + limits.MaxRequestHeadersTotalSize);
        limits.MaxRequestBodySize = settings.MaxRequestBytes;
        limits.MinRequestBodyDataRate = new MinDataRate(MinBodyBytesPerSecond, BodyGracePeriod);
    }
}
