using Goals.GraphQL.Language;
using Goals.GraphQL.Types;

namespace Goals.GraphQL.Validation;

public sealed class ValidationOptions
{
    /// <summary>Maximum selection depth (fragments expanded); null disables the rule.</summary>
    public int? MaxDepth { get; init; }

    /// <summary>Maximum estimated cost; null disables the rule.</summary>
    public int? MaxComplexity { get; init; }

    public int ListSizeEstimate { get; init; } = 10;

    /// <summary>When false, selecting __schema or __type is a validation error (introspection switched off).</summary>
    public bool AllowIntrospection { get; init; } = true;
}

/// <summary>Runs every rule of spec §5 (plus the configured abuse limits) in one traversal. CONTRACT STUB.</summary>
public static partial class DocumentValidator
{
    public static IReadOnlyList<GraphQLError> Validate(Schema schema, DocumentNode document, ValidationOptions? options = null) =>
        throw new NotImplementedException();
}
