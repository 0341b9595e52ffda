namespace Goals.GraphQL.Execution;

/// <summary>An engine error whose message is safe to show (completion errors such as non-null violations).</summary>
internal sealed class CompletionException(string message) : Exception(message);
