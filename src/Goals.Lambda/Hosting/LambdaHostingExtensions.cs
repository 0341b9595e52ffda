using Goals.Lambda.Gateway;
using Goals.Lambda.Runtime;
using Goals.Lambda.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Goals.Lambda.Hosting;

public static class LambdaHostingExtensions
{
    /// <summary>
    /// Replaces Kestrel with <see cref="LambdaServer"/>: requests then come from API Gateway events.
    /// Registered after Kestrel, so it is the <see cref="IServer"/> the host resolves.
    /// </summary>
    public static IWebHostBuilder UseLambdaServer(this IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddLambdaServer());

    /// <inheritdoc cref="UseLambdaServer(IWebHostBuilder)"/>
    public static WebApplicationBuilder UseLambdaServer(this WebApplicationBuilder builder)
    {
        builder.Services.AddLambdaServer();
        return builder;
    }

    public static IServiceCollection AddLambdaServer(this IServiceCollection services)
    {
        services.TryAddSingleton<LambdaServer>();
        services.AddSingleton<IServer>(sp => sp.GetRequiredService<LambdaServer>());
        services.TryAddSingleton(LambdaRuntimeOptions.FromEnvironment());
        services.TryAddSingleton(new ApiGatewayOptions());
        return services;
    }

    /// <summary>Adds a named, timed init-phase step (see <see cref="LambdaInitStep"/>).</summary>
    public static IServiceCollection AddLambdaInitStep(this IServiceCollection services, string name, Func<IServiceProvider, CancellationToken, Task> step) =>
        services.AddSingleton(new LambdaInitStep(name, step));
}
