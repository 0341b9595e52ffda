using Goals.GraphQL.Language;

namespace Goals.GraphQL;

public readonly record struct ErrorLocation(int Line, int Column);

/// <summary>One entry of a response's "errors" list (spec §7.1.2).</summary>
public sealed class GraphQLError
{
    public GraphQLError(string message, IReadOnlyList<ErrorLocation>? locations = null,
        IReadOnlyList<object>? path = null, IReadOnlyDictionary<string, object?>? extensions = null,
        Exception? originalException = null)
    {
        Message = message;
        Locations = locations;
        Path = path;
        Extensions = extensions;
        OriginalException = originalException;
    }

    public string Message { get; }
    public IReadOnlyList<ErrorLocation>? Locations { get; }

    /// <summary>Response path segments: string field keys and int list indices.</summary>
    public IReadOnlyList<object>? Path { get; }

    public IReadOnlyDictionary<string, object?>? Extensions { get; }

    /// <summary>Never serialized; kept for logging.</summary>
    public Exception? OriginalException { get; }

    public string? Code => Extensions is not null && Extensions.TryGetValue("code", out var code) ? code as string : null;

    public static GraphQLError At(string message, string code, params SyntaxNode[] nodes) =>
        new(message, nodes.Length == 0 ? null : nodes.Select(n => new ErrorLocation(n.Location.Line, n.Location.Column)).ToArray(),
            extensions: new Dictionary<string, object?> { ["code"] = code });
}

/// <summary>Thrown by resolvers (and the engine) for errors whose message is safe to show to the client.</summary>
public class GraphQLException : Exception
{
    public GraphQLException(string message, string code, IReadOnlyDictionary<string, object?>? extensions = null, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        Extensions = extensions;
    }

    public GraphQLException() : this("GraphQL error", ErrorCodes.InternalServerError) { }
    public GraphQLException(string message) : this(message, ErrorCodes.BadUserInput) { }
    public GraphQLException(string message, Exception inner) : this(message, ErrorCodes.BadUserInput, null, inner) { }

    public string Code { get; }

    /// <summary>Extra entries for the error's "extensions" object besides "code".</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; }
}

/// <summary>A syntax error with the location where the lexer or parser stopped.</summary>
public sealed class GraphQLSyntaxException : GraphQLException
{
    public GraphQLSyntaxException(string message, int line, int column)
        : base(message, ErrorCodes.ParseFailed)
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }
    public int Column { get; }
}

/// <summary>The stable values of extensions.code that the engine itself produces.</summary>
public static class ErrorCodes
{
    public const string ParseFailed = "GRAPHQL_PARSE_FAILED";
    public const string ValidationFailed = "GRAPHQL_VALIDATION_FAILED";
    public const string BadUserInput = "BAD_USER_INPUT";
    public const string OperationNotFound = "OPERATION_NOT_FOUND";
    public const string InternalServerError = "INTERNAL_SERVER_ERROR";
    public const string QueryTooComplex = "QUERY_TOO_COMPLEX";
    public const string SubscriptionsNotSupported = "SUBSCRIPTIONS_NOT_SUPPORTED";
    public const string ResponseTooLarge = "RESPONSE_TOO_LARGE";
}
