using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Goals.Api.Configuration;

/// <summary>
/// Every options class of the app, each bound once from its section and validated at start-up (ValidateOnStart;
/// <see cref="Hosting.GoalsApp.Build"/> runs the checks right after the host is built, so `serve` prints every failure
/// and Lambda posts them as its init error). The data layer registers <see cref="Goals.Data.DatabaseOptions"/> itself.
/// Services that read a section on every request get its value as a singleton.
/// </summary>
public static class GoalsOptionsRegistration
{
    public static IServiceCollection AddGoalsOptions(this IServiceCollection services)
    {
        // One call per type: the binding source generator replaces each BindConfiguration<T> call it sees with code for T.
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).PostConfigure(auth => auth.TreatBlankAsUnset()).ValidateOnStart();
        services.AddOptions<GraphQLOptions>().BindConfiguration(GraphQLOptions.Section).ValidateOnStart();
        services.AddOptions<StudentLimitsOptions>()
            .BindConfiguration(StudentLimitsOptions.Section, binder => binder.ErrorOnUnknownConfiguration = true).ValidateOnStart();
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateOnStart();
        services.AddOptions<CorsOriginsOptions>().BindConfiguration(CorsOriginsOptions.Section).ValidateOnStart();
        services.AddOptions<ServeOptions>().BindConfiguration(ServeOptions.Section).ValidateOnStart(); // applied by serve before the host, checked everywhere

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GraphQLOptions>, GraphQLOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StudentLimitsOptions>, StudentLimitsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JobsOptions>, JobsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CorsOriginsOptions>, CorsOriginsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ServeOptions>, ServeOptionsValidator>());

        services.AddSingleton(sp => sp.GetRequiredService<IOptions<GraphQLOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<StudentLimitsOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<JobsOptions>>().Value);
        return services;
    }
}
