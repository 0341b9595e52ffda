using Goals.GraphQL.Execution;

namespace Goals.GraphQL.Types;

/// <summary>
/// Builds a schema from SDL text and binds resolvers once at start-up. <see cref="Build"/> fails with every problem
/// listed (invalid SDL, schema validation errors, unbound fields, bindings to unknown types or fields).
/// CONTRACT STUB: the engine work fills in the bodies; signatures are what other code programs against.
/// </summary>
public sealed partial class SchemaBuilder
{
    /// <summary>Adds SDL (definitions and extensions); may be called several times.</summary>
    public SchemaBuilder AddTypeDefinitions(string sdl) => throw new NotImplementedException();

    /// <summary>Supplies the implementation of a scalar declared in SDL (`scalar UUID`).</summary>
    public SchemaBuilder AddScalar(ScalarType scalar) => throw new NotImplementedException();

    public SchemaBuilder BindField(string typeName, string fieldName, FieldResolver resolver) => throw new NotImplementedException();

    /// <summary>Typed binding of an object type's fields: synchronous getters or async resolvers.</summary>
    public SchemaBuilder BindType<TSource>(string typeName, Action<ObjectBinder<TSource>> bind) => throw new NotImplementedException();

    /// <summary>Resolver used for every field of the type that has no explicit binding (e.g. dictionary-shaped test data).</summary>
    public SchemaBuilder BindDefaultFieldResolver(string typeName, FieldResolver resolver) => throw new NotImplementedException();

    public SchemaBuilder BindTypeResolver(string abstractTypeName, TypeResolver resolver) => throw new NotImplementedException();

    /// <summary>Internal values for an enum's values (default: the value's name as a string).</summary>
    public SchemaBuilder BindEnumValues(string enumName, IReadOnlyDictionary<string, object> values) => throw new NotImplementedException();

    public Schema Build() => throw new NotImplementedException();
}

public sealed class ObjectBinder<TSource>
{
    public ObjectBinder<TSource> Field(string name, Func<TSource, object?> getter) => throw new NotImplementedException();
    public ObjectBinder<TSource> Field(string name, Func<TSource, IResolverContext, ValueTask<object?>> resolver) => throw new NotImplementedException();
}

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
