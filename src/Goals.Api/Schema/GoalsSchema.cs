using Goals.GraphQL.Types;
using Goals.GraphQL.Types.Scalars;

namespace Goals.Api.Schema;

/// <summary>
/// Builds the executable schema: the embedded SDL (<see cref="GoalsSdl"/>) with every field bound. Root fields go through
/// <see cref="Authorization.Authorized"/> and map their arguments to a use case (<c>UseCases/</c>) and its result back;
/// Goal.tasks / Goal.notes go through DataLoaders keyed by goal id (<see cref="ObjectTypes"/>).
/// </summary>
public static class GoalsSchema
{
    public static Goals.GraphQL.Types.Schema Build()
    {
        var builder = new SchemaBuilder()
            .AddTypeDefinitions(GoalsSdl.Load())
            .AddScalar(new UuidScalar())
            .AddScalar(new DateTimeScalar());

        QueryFields.Bind(builder);
        GoalMutations.Bind(builder);
        TaskMutations.Bind(builder);
        NoteMutations.Bind(builder);
        JobFields.Bind(builder);
        ObjectTypes.Bind(builder);
        return builder.Build();
    }
}
