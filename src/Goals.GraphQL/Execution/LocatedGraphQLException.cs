using Goals.GraphQL.Language;

namespace Goals.GraphQL.Execution;

/// <summary>An engine error that knows which AST nodes it refers to (for "locations").</summary>
public sealed class LocatedGraphQLException : GraphQLException
{
    public LocatedGraphQLException(string message, string code, params SyntaxNode[] nodes) : base(message, code) => Nodes = nodes;

    public IReadOnlyList<SyntaxNode> Nodes { get; }
}
