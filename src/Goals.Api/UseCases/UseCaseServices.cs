using Goals.Api.UseCases.Goals;
using Goals.Api.UseCases.Idempotency;
using Goals.Api.UseCases.Jobs;
using Goals.Api.UseCases.Notes;
using Goals.Api.UseCases.Tasks;

namespace Goals.Api.UseCases;

public static class UseCaseServices
{
    /// <summary>Every use case (singletons) and the factory of the per-request <see cref="GoalsRequest"/>.</summary>
    public static IServiceCollection AddGoalsUseCases(this IServiceCollection services)
    {
        services.AddSingleton<IdempotentCreates>();
        services.AddSingleton<LoadGoalTree>().AddSingleton<PageGoals>()
            .AddSingleton<CreateGoal>().AddSingleton<UpdateGoal>().AddSingleton<DeleteGoal>();
        services.AddSingleton<LoadGoalTasks>().AddSingleton<AddTask>().AddSingleton<UpdateTask>().AddSingleton<DeleteTask>()
            .AddSingleton<ReorderTasks>();
        services.AddSingleton<LoadGoalNotes>().AddSingleton<AddNote>().AddSingleton<UpdateNote>().AddSingleton<DeleteNote>();
        services.AddSingleton<StartJob>().AddSingleton<CancelJob>().AddSingleton<GetJob>().AddSingleton<ListJobs>()
            .AddSingleton<GetJobDownload>().AddSingleton<RequestImportUpload>();
        services.AddSingleton<GoalsUseCases>();
        services.AddSingleton<GoalsRequestFactory>(); // the GraphQL handler opens (and ends) each request itself
        return services;
    }
}
