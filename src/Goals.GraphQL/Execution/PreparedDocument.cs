using Goals.GraphQL.Language;

namespace Goals.GraphQL.Execution;

/// <summary>A document parsed and validated once, cached by the hash of its text.</summary>
public sealed class PreparedDocument
{
    public PreparedDocument(DocumentNode? document, IReadOnlyList<GraphQLError> errors)
    {
        Document = document;
        Errors = errors;
    }

    /// <summary>Null when the text did not parse.</summary>
    public DocumentNode? Document { get; }

    /// <summary>Syntax or validation errors; empty when the document is valid.</summary>
    public IReadOnlyList<GraphQLError> Errors { get; }

    public bool IsValid => Errors.Count == 0 && Document is not null;

    /// <summary>Operations whose complexity depends on variables (`first: $n`): checked per request, not at validation.</summary>
    internal IReadOnlySet<OperationDefinitionNode> VariableCostOperations { get; init; } = NoOperations;

    private static readonly IReadOnlySet<OperationDefinitionNode> NoOperations = new HashSet<OperationDefinitionNode>();

    private DocumentPlan? _plan;

    /// <summary>Execution data computed once per document and shared by every request using it.</summary>
    internal DocumentPlan Plan => _plan ?? Interlocked.CompareExchange(ref _plan, new DocumentPlan(Document!), null) ?? _plan;

    /// <summary>The operation to run (spec GetOperation): by name, or the only one; null when that is ambiguous or unknown.</summary>
    public OperationDefinitionNode? GetOperation(string? operationName)
    {
        if (Document is null) return null;
        OperationDefinitionNode? found = null;
        foreach (var definition in Document.Definitions)
        {
            if (definition is not OperationDefinitionNode operation) continue;
            if (operationName is null)
            {
                if (found is not null) return null;
                found = operation;
            }
            else if (operation.Name?.Value == operationName)
            {
                return operation;
            }
        }

        return found;
    }
}
