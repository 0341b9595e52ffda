using Goals.Data.Repositories;
using Goals.Data.Transactions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Goals.Data;

public static class GoalsDataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the data layer: one <see cref="GoalsDataSource"/> (from IConfiguration's
    /// ConnectionStrings:Goals) and <see cref="TransactionRunner"/> per process, and the stateless repositories.
    /// Sessions are not registered: whoever runs a unit of work opens one (<see cref="GoalsDataSource.OpenSession"/>)
    /// and ends it once nothing it started still uses it.
    /// </summary>
    public static IServiceCollection AddGoalsData(this IServiceCollection services, TransactionOptions? transactionOptions = null)
    {
        services.AddSingleton(sp => GoalsDataSourceFactory.Create(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(sp => new TransactionRunner(sp.GetRequiredService<GoalsDataSource>(), transactionOptions));
        services.AddSingleton<GoalRepository>();
        services.AddSingleton<GoalTreeQueries>();
        services.AddSingleton<TaskRepository>();
        services.AddSingleton<NoteRepository>();
        services.AddSingleton<IdempotencyStore>();
        return services;
    }
}
