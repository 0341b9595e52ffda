using Goals.GraphQL.Language;

namespace Goals.GraphQL.Types;

/// <summary>A built, validated, immutable schema. Create it with <see cref="SchemaBuilder"/>.</summary>
public sealed class Schema
{
    internal Schema(ObjectType queryType, ObjectType? mutationType, ObjectType? subscriptionType,
        IReadOnlyDictionary<string, NamedType> types, IReadOnlyDictionary<string, DirectiveDefinition> directives,
        string? description)
    {
        QueryType = queryType;
        MutationType = mutationType;
        SubscriptionType = subscriptionType;
        Types = types;
        Directives = directives;
        Description = description;
    }

    public ObjectType QueryType { get; }
    public ObjectType? MutationType { get; }
    public ObjectType? SubscriptionType { get; }

    /// <summary>Every named type, built-in scalars and introspection types included.</summary>
    public IReadOnlyDictionary<string, NamedType> Types { get; }

    public IReadOnlyDictionary<string, DirectiveDefinition> Directives { get; }
    public string? Description { get; }

    public NamedType? GetType(string name) => Types.TryGetValue(name, out var type) ? type : null;

    /// <summary>
    /// The definition of a field selected on parentType, including the meta fields __typename (any composite type)
    /// and __schema/__type (query root only), as spec §4 and graphql-js getFieldDef do. CONTRACT: meta fields are added
    /// by the introspection work.
    /// </summary>
    public FieldDefinition? GetFieldDefinition(NamedType parentType, string fieldName)
    {
        if (fieldName.Length > 1 && fieldName[0] == '_' && fieldName[1] == '_')
        {
            if (fieldName == "__schema" && parentType == QueryType) return Introspection.IntrospectionTypes.SchemaMetaField;
            if (fieldName == "__type" && parentType == QueryType) return Introspection.IntrospectionTypes.TypeMetaField;
            if (fieldName == "__typename") return Introspection.IntrospectionTypes.TypeNameMetaField;
        }

        return parentType is IFieldsContainer container && container.Fields.TryGetValue(fieldName, out var field) ? field : null;
    }

    public DirectiveDefinition? GetDirective(string name) => Directives.TryGetValue(name, out var d) ? d : null;

    public ObjectType? GetRootType(OperationType operation) => operation switch
    {
        OperationType.Query => QueryType,
        OperationType.Mutation => MutationType,
        _ => SubscriptionType,
    };

    /// <summary>The object types that implement an interface or belong to a union; empty for other types.</summary>
    public IReadOnlyList<ObjectType> GetPossibleTypes(NamedType abstractType) =>
        PossibleTypes.TryGetValue(abstractType.Name, out var list) ? list : [];

    /// <summary>Interfaces and object types implementing the given interface (for interface-implements-interface checks).</summary>
    public bool IsSubType(NamedType abstractType, NamedType maybeSubType) => abstractType switch
    {
        UnionType union => maybeSubType is ObjectType o && union.Types.Contains(o),
        InterfaceType iface => maybeSubType is IFieldsContainer c && c.Interfaces.Contains(iface),
        _ => false,
    };

    internal IReadOnlyDictionary<string, IReadOnlyList<ObjectType>> PossibleTypes { get; init; } =
        new Dictionary<string, IReadOnlyList<ObjectType>>();

    /// <summary>True when the object type is one of the possible types of the abstract type (fast path for execution).</summary>
    public bool IsPossibleType(NamedType abstractType, ObjectType objectType) => abstractType switch
    {
        UnionType union => ContainsReference(union.Types, objectType),
        InterfaceType iface => ContainsReference(objectType.Interfaces, iface),
        _ => false,
    };

    private static bool ContainsReference<T>(IReadOnlyList<T> list, T item) where T : class
    {
        for (var i = 0; i < list.Count; i++)
            if (ReferenceEquals(list[i], item)) return true;
        return false;
    }

    /// <summary>Types sorted as introspection lists them (definition order, built-ins and introspection types included).</summary>
    internal IReadOnlyList<NamedType> TypeList { get; init; } = [];
}
