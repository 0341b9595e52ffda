using Goals.GraphQL.Language;
using Goals.GraphQL.Validation;

namespace Goals.GraphQL.Execution;

public sealed partial class GraphQLExecutor
{
    /// <summary>The complexity limit of an operation whose list sizes come from variables, now that they are known.</summary>
    private GraphQLError? CheckVariableCost(PreparedDocument prepared, OperationDefinitionNode operation,
        IReadOnlyDictionary<string, object?> variables) =>
        prepared.VariableCostOperations.Contains(operation)
            ? QueryLimits.CheckComplexity(Schema, prepared.Document!, operation, variables, _validationOptions)
            : null;
}
