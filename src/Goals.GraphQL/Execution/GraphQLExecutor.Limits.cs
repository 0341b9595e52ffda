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

    /// <summary>The answer passed <see cref="ExecutorOptions.MaxResultBytes"/>: one request error instead of a partial giant.</summary>
    private ExecutionResult ResultTooLarge(OperationDefinitionNode operation) =>
        ExecutionResult.FromErrors(
        [
            new GraphQLError(
                $"The response is larger than the limit of {Options.MaxResultBytes} bytes; ask for fewer fields or items." +
                (Options.ResultTooLargeHint is { } hint ? " " + hint : ""),
                [new ErrorLocation(operation.Location.Line, operation.Location.Column)],
                extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.ResponseTooLarge, ["maxBytes"] = Options.MaxResultBytes }),
        ]);
}
