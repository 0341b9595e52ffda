using Goals.GraphQL.Execution;
using Goals.GraphQL.Language;
using Goals.GraphQL.Types.Building;

namespace Goals.GraphQL.Types;

/// <summary>
/// Builds a schema from SDL text and binds resolvers once at start-up. <see cref="Build"/> fails with every problem
/// listed (invalid SDL, schema validation errors, unbound fields, bindings to unknown types or fields).
/// </summary>
public sealed class SchemaBuilder
{
    private readonly List<string> _sdl = [];
    private readonly List<DocumentNode> _documents = [];
    private readonly SchemaBindings _bindings = new();

    /// <summary>Adds SDL (definitions and extensions); may be called several times.</summary>
    public SchemaBuilder AddTypeDefinitions(string sdl)
    {
        ArgumentNullException.ThrowIfNull(sdl);
        _sdl.Add(sdl);
        return this;
    }

    /// <summary>Adds already parsed SDL.</summary>
    public SchemaBuilder AddTypeDefinitions(DocumentNode document)
    {
        ArgumentNullException.ThrowIfNull(document);
        _documents.Add(document);
        return this;
    }

    /// <summary>Supplies the implementation of a scalar declared in SDL (`scalar UUID`).</summary>
    public SchemaBuilder AddScalar(ScalarType scalar)
    {
        ArgumentNullException.ThrowIfNull(scalar);
        if (!_bindings.Scalars.TryAdd(scalar.Name, scalar)) _bindings.Problems.Add($"Scalar \"{scalar.Name}\" was added more than once.");
        return this;
    }

    public SchemaBuilder BindField(string typeName, string fieldName, FieldResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        _bindings.FieldBindings.Add((typeName, fieldName, resolver));
        return this;
    }

    /// <summary>Typed binding of an object type's fields: synchronous getters or async resolvers.
    /// The CLR type also identifies the object type at runtime for interfaces/unions without a type resolver.</summary>
    public SchemaBuilder BindType<TSource>(string typeName, Action<ObjectBinder<TSource>> bind)
    {
        ArgumentNullException.ThrowIfNull(bind);
        var binder = new ObjectBinder<TSource>();
        bind(binder);
        foreach (var (field, resolver) in binder.Bindings) _bindings.FieldBindings.Add((typeName, field, resolver));
        if (typeof(TSource) != typeof(object)) _bindings.ClrTypes[typeName] = ClrBinding.Of<TSource>();
        return this;
    }

    /// <summary>Resolver used for every field of the type that has no explicit binding (e.g. dictionary-shaped test data).</summary>
    public SchemaBuilder BindDefaultFieldResolver(string typeName, FieldResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        _bindings.DefaultResolvers[typeName] = resolver;
        return this;
    }

    public SchemaBuilder BindTypeResolver(string abstractTypeName, TypeResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        _bindings.TypeResolvers[abstractTypeName] = resolver;
        return this;
    }

    /// <summary>Internal values for an enum's values (default: the value's name as a string).</summary>
    public SchemaBuilder BindEnumValues(string enumName, IReadOnlyDictionary<string, object> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _bindings.EnumValues[enumName] = values;
        return this;
    }

    /// <summary>A resolver that reads the field's response name from an IReadOnlyDictionary&lt;string, object?&gt; or
    /// IDictionary&lt;string, object?&gt; source (missing keys give null). Handy for tests and dictionary-shaped data.</summary>
    public static FieldResolver DictionaryResolver { get; } = static context =>
    {
        var name = context.Field.Name;
        return context.Source switch
        {
            IReadOnlyDictionary<string, object?> d => new ValueTask<object?>(d.TryGetValue(name, out var v) ? v : null),
            IDictionary<string, object?> d2 => new ValueTask<object?>(d2.TryGetValue(name, out var v2) ? v2 : null),
            _ => new ValueTask<object?>((object?)null),
        };
    };

    public Schema Build()
    {
        var problems = new List<string>(_bindings.Problems);
        var documents = new List<DocumentNode>(_documents);
        for (var i = 0; i < _sdl.Count; i++)
        {
            try
            {
                documents.Add(Parser.Parse(_sdl[i], new ParserOptions { MaxDocumentLength = int.MaxValue, MaxTokens = int.MaxValue }));
            }
            catch (GraphQLSyntaxException ex)
            {
                problems.Add($"Syntax error in type definitions #{i + 1} at {ex.Line}:{ex.Column}: {ex.Message}");
            }
        }

        // With unparsable SDL every later check would only report follow-on noise.
        if (problems.Count > 0 && documents.Count < _sdl.Count + _documents.Count) throw new SchemaBuildException(problems);
        var state = new SchemaBuildState(_bindings, problems);
        var schema = state.Build(documents);
        if (problems.Count > 0) throw new SchemaBuildException(problems);
        return schema!;
    }
}
