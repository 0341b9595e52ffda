using Goals.GraphQL.Execution;
using Goals.GraphQL.Language;

namespace Goals.GraphQL.Types;

/// <summary>Fields in definition order, looked up by name.</summary>
public interface IFieldsContainer
{
    IReadOnlyDictionary<string, FieldDefinition> Fields { get; }
    IReadOnlyList<InterfaceType> Interfaces { get; }
}

public sealed class ObjectType(string name, string? description = null) : NamedType(name, description), IFieldsContainer
{
    public override TypeKind Kind => TypeKind.Object;
    public IReadOnlyDictionary<string, FieldDefinition> Fields { get; internal set; } = FieldDefinition.EmptyFields;
    public IReadOnlyList<InterfaceType> Interfaces { get; internal set; } = [];
}

public sealed class InterfaceType(string name, string? description = null) : NamedType(name, description), IFieldsContainer
{
    public override TypeKind Kind => TypeKind.Interface;
    public IReadOnlyDictionary<string, FieldDefinition> Fields { get; internal set; } = FieldDefinition.EmptyFields;
    public IReadOnlyList<InterfaceType> Interfaces { get; internal set; } = [];

    /// <summary>Bound at start-up: picks the concrete object type of a runtime value.</summary>
    public TypeResolver? ResolveType { get; internal set; }
}

public sealed class UnionType(string name, string? description = null) : NamedType(name, description)
{
    public override TypeKind Kind => TypeKind.Union;
    public IReadOnlyList<ObjectType> Types { get; internal set; } = [];
    public TypeResolver? ResolveType { get; internal set; }
}

public sealed class EnumType(string name, string? description = null) : NamedType(name, description)
{
    public override TypeKind Kind => TypeKind.Enum;

    /// <summary>Values in definition order, by name.</summary>
    public IReadOnlyDictionary<string, EnumValueDefinition> Values { get; internal set; } = new Dictionary<string, EnumValueDefinition>();

    private Dictionary<object, EnumValueDefinition> _valueLookup = new();

    /// <summary>Called once the internal values are final (schema build).</summary>
    internal void FreezeValues()
    {
        var lookup = new Dictionary<object, EnumValueDefinition>();
        foreach (var value in Values.Values) lookup.TryAdd(value.Value, value);
        _valueLookup = lookup;
    }

    /// <summary>Result coercion: an internal value to the enum value's name (graphql-js GraphQLEnumType.serialize).</summary>
    public string Serialize(object? value)
    {
        if (value is not null && _valueLookup.TryGetValue(value, out var def)) return def.Name;
        throw new InvalidOperationException($"Enum \"{Name}\" cannot represent value: {Scalars.Inspect.Value(value)}");
    }

    /// <summary>Input coercion of a JSON variable value: the value's name as a string.</summary>
    public object ParseValue(object? value) => ParseValue(value, hideSuggestions: false);

    /// <param name="hideSuggestions">Leave out "Did you mean" (it reveals the enum's values).</param>
    public object ParseValue(object? value, bool hideSuggestions)
    {
        if (value is not string name)
        {
            throw new GraphQLException($"Enum \"{Name}\" cannot represent non-string value: {Scalars.Inspect.Value(value)}." +
                                       (hideSuggestions ? "" : DidYouMean(Scalars.Inspect.Value(value))), ErrorCodes.BadUserInput);
        }

        if (Values.TryGetValue(name, out var def)) return def.Value;
        throw new GraphQLException($"Value \"{name}\" does not exist in \"{Name}\" enum." + (hideSuggestions ? "" : DidYouMean(name)),
            ErrorCodes.BadUserInput);
    }

    /// <summary>Input coercion of a literal: only an enum literal naming a value.</summary>
    public object ParseLiteral(ValueNode literal)
    {
        if (literal is not EnumValueNode enumNode)
        {
            var shown = Scalars.Inspect.Literal(literal);
            throw new GraphQLException($"Enum \"{Name}\" cannot represent non-enum value: {shown}." + DidYouMean(shown), ErrorCodes.BadUserInput);
        }

        if (Values.TryGetValue(enumNode.Value, out var def)) return def.Value;
        throw new GraphQLException($"Value \"{enumNode.Value}\" does not exist in \"{Name}\" enum." + DidYouMean(enumNode.Value),
            ErrorCodes.BadUserInput);
    }

    private string DidYouMean(string unknown) =>
        Suggestions.DidYouMean("the enum value", Suggestions.SuggestionList(unknown, Values.Keys));
}

public sealed class InputObjectType(string name, string? description = null) : NamedType(name, description)
{
    public override TypeKind Kind => TypeKind.InputObject;
    public IReadOnlyDictionary<string, InputValueDefinition> Fields { get; internal set; } = FieldDefinition.EmptyArguments;

    /// <summary>@oneOf input objects (working draft): exactly one field must be given.</summary>
    public bool IsOneOf { get; internal set; }
}

/// <summary>
/// A scalar: the three coercions of spec §3.5. Implementations throw <see cref="GraphQLException"/>
/// (code BAD_USER_INPUT) for input they reject and <see cref="InvalidOperationException"/> for results they cannot serialize.
/// </summary>
public abstract class ScalarType(string name, string? description = null) : NamedType(name, description)
{
    public override TypeKind Kind => TypeKind.Scalar;
    private string? _specifiedByUrl;

    public string? SpecifiedByUrl { get => _specifiedByUrl; init => _specifiedByUrl = value; }

    /// <summary>Set by the schema builder from `@specifiedBy(url:)`.</summary>
    internal void SetSpecifiedByUrl(string? url) => _specifiedByUrl = url;

    /// <summary>Result coercion: a resolver's value to one of null, bool, int, long, double, decimal, string.</summary>
    public abstract object? Serialize(object? value);

    /// <summary>Input coercion of a variable value already read from JSON (bool, long/double, string, null, lists, dictionaries).</summary>
    public abstract object? ParseValue(object? value);

    /// <summary>Input coercion of a literal; variables inside have been replaced before this is called.</summary>
    public abstract object? ParseLiteral(ValueNode literal);
}

public static class FieldDefinitionExtensions
{
    public static FieldDefinition? GetField(this IFieldsContainer type, string name) =>
        type.Fields.TryGetValue(name, out var field) ? field : null;
}
