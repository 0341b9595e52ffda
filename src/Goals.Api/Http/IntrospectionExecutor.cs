using Goals.GraphQL;
using Goals.GraphQL.Execution;
using Goals.GraphQL.Language;

namespace Goals.Api.Http;

/// <summary>
/// The executor for introspection-only operations (every root field is __schema, __type or __typename), used when such a
/// document broke the data limits (GraphQL:MaxDepth/MaxComplexity): IDEs' introspection queries are deep and list-heavy
/// but read no data. It has its own, looser but finite limits (depth 20, complexity 50 million with the default list
/// estimate), so a malicious nested introspection query is still refused. Null when introspection is off.
/// </summary>
public sealed class IntrospectionExecutor(GraphQLExecutor? executor)
{
    public const int MaxDepth = 20;
    public const int MaxComplexity = 50_000_000;

    public GraphQLExecutor? Executor { get; } = executor;

    public bool Accepts(PreparedDocument document) =>
        Executor is not null && document.Document is { } ast &&
        document.Errors.Count > 0 && document.Errors.All(e => e.Code == Goals.GraphQL.ErrorCodes.QueryTooComplex) &&
        ast.Definitions.OfType<OperationDefinitionNode>().All(op =>
            op.Operation == OperationType.Query &&
            op.SelectionSet.Selections.All(s => s is FieldNode { Name.Value: "__schema" or "__type" or "__typename" }));
}
