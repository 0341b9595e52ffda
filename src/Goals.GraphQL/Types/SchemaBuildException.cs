namespace Goals.GraphQL.Types;

/// <summary>Thrown by <see cref="SchemaBuilder.Build"/>; the message lists every problem, one per line.</summary>
public sealed class SchemaBuildException : Exception
{
    public SchemaBuildException(IReadOnlyList<string> problems)
        : base("Invalid schema:" + Environment.NewLine + string.Join(Environment.NewLine, problems)) => Problems = problems;

    public SchemaBuildException() : this([]) { }
    public SchemaBuildException(string message) : this([message]) { }
    public SchemaBuildException(string message, Exception inner) : base(message, inner) => Problems = [message];

    public IReadOnlyList<string> Problems { get; } = [];
}
