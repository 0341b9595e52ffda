namespace Goals.GraphQL.Language;

public sealed class ParserOptions
{
    public int MaxDocumentLength { get; init; } = 100_000;
    public int MaxTokens { get; init; } = 10_000;
}

/// <summary>Recursive-descent parser for executable documents and SDL (graphql-js 16 parser.ts behaviour).</summary>
public static partial class Parser
{
    /// <summary>Throws <see cref="GraphQLSyntaxException"/> with line and column.</summary>
    public static DocumentNode Parse(string source, ParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= DefaultOptions;
        if (source.Length > options.MaxDocumentLength)
        {
            throw Lexer.SyntaxError(source, options.MaxDocumentLength,
                $"Source contains more than {options.MaxDocumentLength} UTF-16 code units. Parsing aborted.");
        }

        return new ParserImpl(source, options.MaxTokens).ParseDocument();
    }

    public static ValueNode ParseValue(string source)
    {
        var p = new ParserImpl(source, int.MaxValue);
        p.ExpectToken(TokenKind.Sof);
        var value = p.ParseValueLiteral(false);
        p.ExpectToken(TokenKind.Eof);
        return value;
    }

    /// <summary>Parses a value that may not contain variables (default values, SDL directive arguments).</summary>
    public static ValueNode ParseConstValue(string source)
    {
        var p = new ParserImpl(source, int.MaxValue);
        p.ExpectToken(TokenKind.Sof);
        var value = p.ParseValueLiteral(true);
        p.ExpectToken(TokenKind.Eof);
        return value;
    }

    public static TypeNode ParseType(string source)
    {
        var p = new ParserImpl(source, int.MaxValue);
        p.ExpectToken(TokenKind.Sof);
        var type = p.ParseTypeReference();
        p.ExpectToken(TokenKind.Eof);
        return type;
    }

    private static readonly ParserOptions DefaultOptions = new();
}
