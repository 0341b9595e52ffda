using Goals.GraphQL.Execution;
using Goals.GraphQL.Language;

namespace Goals.GraphQL.Types;

/// <summary>An argument of a field or directive, or a field of an input object.</summary>
public sealed class InputValueDefinition(string name, GraphQLType type)
{
    public string Name { get; } = name;
    public GraphQLType Type { get; internal set; } = type;
    public string? Description { get; init; }

    /// <summary>The default as written in SDL; coerced against Type when used.</summary>
    public ValueNode? DefaultValue { get; init; }

    public string? DeprecationReason { get; init; }
    public bool IsDeprecated => DeprecationReason is not null;
    public InputValueDefinitionNode? Node { get; init; }

    /// <summary>True when <see cref="DefaultValue"/> is set; <see cref="CoercedDefaultValue"/> then holds it coerced.</summary>
    public bool HasDefaultValue => DefaultValue is not null;

    /// <summary>The default coerced once against <see cref="Type"/> when the schema was built.</summary>
    public object? CoercedDefaultValue { get; internal set; }
}

public sealed class FieldDefinition(string name, GraphQLType type)
{
    public string Name { get; } = name;
    public GraphQLType Type { get; internal set; } = type;
    public string? Description { get; init; }
    public IReadOnlyDictionary<string, InputValueDefinition> Arguments { get; init; } = EmptyArguments;
    public string? DeprecationReason { get; init; }
    public bool IsDeprecated => DeprecationReason is not null;
    public FieldDefinitionNode? Node { get; init; }

    /// <summary>Bound once at start-up by the schema builder; never null in a built schema.</summary>
    public FieldResolver? Resolver { get; internal set; }

    internal static readonly IReadOnlyDictionary<string, FieldDefinition> EmptyFields = new Dictionary<string, FieldDefinition>();

    internal static readonly IReadOnlyDictionary<string, InputValueDefinition> EmptyArguments =
        new Dictionary<string, InputValueDefinition>();
}

public sealed class EnumValueDefinition(string name)
{
    public string Name { get; } = name;
    public string? Description { get; init; }
    public string? DeprecationReason { get; init; }
    public bool IsDeprecated => DeprecationReason is not null;

    /// <summary>The internal value resolvers see and return; the name unless bound otherwise.</summary>
    public object Value { get; internal set; } = name;
}

[Flags]
public enum DirectiveLocation
{
    None = 0,
    Query = 1 << 0, Mutation = 1 << 1, Subscription = 1 << 2, Field = 1 << 3,
    FragmentDefinition = 1 << 4, FragmentSpread = 1 << 5, InlineFragment = 1 << 6, VariableDefinition = 1 << 7,
    Schema = 1 << 8, Scalar = 1 << 9, Object = 1 << 10, FieldDefinition = 1 << 11, ArgumentDefinition = 1 << 12,
    Interface = 1 << 13, Union = 1 << 14, Enum = 1 << 15, EnumValue = 1 << 16, InputObject = 1 << 17,
    InputFieldDefinition = 1 << 18,

    /// <summary>graphql-js 16.12+: `@deprecated` may be applied to directive definitions.</summary>
    DirectiveDefinition = 1 << 19,
}

public sealed class DirectiveDefinition(string name, DirectiveLocation locations)
{
    public string Name { get; } = name;
    public string? Description { get; init; }
    public DirectiveLocation Locations { get; } = locations;
    public IReadOnlyDictionary<string, InputValueDefinition> Arguments { get; init; } = FieldDefinition.EmptyArguments;
    public bool IsRepeatable { get; init; }
    public string? DeprecationReason { get; init; }
    public bool IsDeprecated => DeprecationReason is not null;
    public DirectiveDefinitionNode? Node { get; init; }
}
