using Goals.Data.Repositories;
using Goals.Data.Transactions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Goals.Data;

public static class GoalsDataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the data layer: one <see cref="GoalsDataSource"/> (from IConfiguration's ConnectionStrings:Goals and the
    /// <see cref="DatabaseOptions"/> of the `Database` section, validated at start-up) and <see cref="TransactionRunner"/>
    /// per process, and the stateless repositories.
    /// Sessions are not registered: whoever runs a unit of work opens one (<see cref="GoalsDataSource.OpenSession"/>)
    /// and ends it once nothing it started still uses it.
    /// </summary>
    public static IServiceCollection AddGoalsData(this IServiceCollection services, TransactionOptions? transactionOptions = null)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>());
        services.AddSingleton(sp => GoalsDataSourceFactory.Create(sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(sp => new TransactionRunner(sp.GetRequiredService<GoalsDataSource>(), transactionOptions));
        services.AddSingleton<GoalRepository>();
        services.AddSingleton<GoalTreeQueries>();
        services.AddSingleton<TaskRepository>();
        services.AddSingleton<NoteRepository>();
        services.AddSingleton<IdempotencyStore>();
        return services;
    }
}
