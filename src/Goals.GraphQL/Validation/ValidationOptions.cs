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

    /// <summary>
    /// graphql-js's hideSuggestions: leave out the "Did you mean ...?" part of messages, which reveals schema names
    /// (worth switching on together with <see cref="AllowIntrospection"/> = false).
    /// </summary>
    public bool HideSuggestions { get; init; }
}
