using Goals.Lambda.Gateway;
using Goals.Lambda.Migrations;
using Goals.Lambda.Runtime;
using Goals.Lambda.Scheduled;
using Goals.Lambda.Server;
using Goals.Lambda.Sqs;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Goals.Lambda.Hosting;

/// <summary>Maps a handler name to its handler, failing init early when the app lacks what it needs.</summary>
internal static class LambdaHandlerFactory
{
    /// <summary>The migrate handler's client for CloudFormation's pre-signed response URLs: one for the process's lifetime.</summary>
    private static readonly HttpClient CustomResourceResponseClient = new();

    public static ILambdaHandler Create(string? handlerName, IServiceProvider services)
    {
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        return handlerName switch
        {
            LambdaHandlerNames.Api => new ApiGatewayHandler(
                services.GetService<IServer>() as LambdaServer
                    ?? throw new InvalidOperationException("The 'api' handler needs LambdaServer as IServer: call UseLambdaServer()."),
                services.GetService<ApiGatewayOptions>() ?? new ApiGatewayOptions(),
                loggers.CreateLogger<ApiGatewayHandler>()),
            LambdaHandlerNames.Worker => Require<ISqsRecordHandler>(services, handlerName)
                ?? new SqsBatchHandler(scopes, loggers.CreateLogger<SqsBatchHandler>()),
            LambdaHandlerNames.Migrate => Require<IDatabaseMigrator>(services, handlerName)
                ?? new MigrationHandler(scopes, CustomResourceResponseClient, services.GetService<MigrationHandlerOptions>() ?? new MigrationHandlerOptions(),
                    loggers.CreateLogger<MigrationHandler>()),
            LambdaHandlerNames.Sweeper => Require<IScheduledTask>(services, handlerName)
                ?? new ScheduledTaskHandler(scopes, loggers.CreateLogger<ScheduledTaskHandler>()),
            _ => throw new InvalidOperationException(
                $"Unknown Lambda handler '{handlerName}' (env {LambdaEnvironment.HandlerVariable}); known: {string.Join(", ", LambdaHandlerNames.All)}."),
        };
    }

    private static ILambdaHandler? Require<TService>(IServiceProvider services, string handlerName)
    {
        var isService = services.GetService<IServiceProviderIsService>();
        return isService is null || isService.IsService(typeof(TService))
            ? null
            : throw new InvalidOperationException($"The '{handlerName}' handler needs an {typeof(TService).Name} registered in DI.");
    }
}
