using Goals.GraphQL.Execution;

namespace Goals.GraphQL.Types.Building;

/// <summary>What the app registered on a <see cref="SchemaBuilder"/>, handed to the <see cref="SchemaBuildState"/>.</summary>
internal sealed class SchemaBindings
{
    public Dictionary<string, ScalarType> Scalars { get; } = new(StringComparer.Ordinal);

    public List<(string Type, string Field, FieldResolver Resolver)> FieldBindings { get; } = [];

    public Dictionary<string, FieldResolver> DefaultResolvers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, TypeResolver> TypeResolvers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, IReadOnlyDictionary<string, object>> EnumValues { get; } = new(StringComparer.Ordinal);

    /// <summary>The CLR type each object type was bound with (BindType&lt;T&gt;), for abstract types without a type resolver.</summary>
    public Dictionary<string, ClrBinding> ClrTypes { get; } = new(StringComparer.Ordinal);

    /// <summary>Problems found while registering (a scalar added twice), reported by Build with the others.</summary>
    public List<string> Problems { get; } = [];
}

/// <summary>A CLR type bound to an object type: its identity, and an `is T` test compiled with the binding (no reflection).</summary>
internal sealed record ClrBinding(Type Type, Func<object, bool> IsInstance)
{
    public static ClrBinding Of<T>() => new(typeof(T), static value => value is T);
}
