namespace Goals.GraphQL.Language;

public sealed class ParserOptions
{
    public int MaxDocumentLength { get; init; } = 100_000;
    public int MaxTokens { get; init; } = 10_000;
}

/// <summary>Recursive-descent parser for executable documents and SDL. CONTRACT STUB.</summary>
public static partial class Parser
{
    /// <summary>Throws <see cref="GraphQLSyntaxException"/> with line and column.</summary>
    public static DocumentNode Parse(string source, ParserOptions? options = null) => throw new NotImplementedException();

    public static ValueNode ParseValue(string source) => throw new NotImplementedException();
    public static TypeNode ParseType(string source) => throw new NotImplementedException();
}

public static partial class Printer
{
    public static string Print(SyntaxNode node) => throw new NotImplementedException();
}
