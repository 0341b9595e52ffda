namespace Goals.GraphQL.Types;

public enum TypeKind { Scalar, Object, Interface, Union, Enum, InputObject, List, NonNull }

/// <summary>Any type reference: a named type or a List/NonNull wrapper.</summary>
public abstract class GraphQLType
{
    public abstract TypeKind Kind { get; }

    /// <summary>The named type under all wrappers.</summary>
    public abstract NamedType Named { get; }

    public bool IsNonNull => Kind == TypeKind.NonNull;

    /// <summary>The type without its outer NonNull, if any.</summary>
    public GraphQLType Nullable => this is NonNullType nn ? nn.OfType : this;

    public bool IsInputType => Named.Kind is TypeKind.Scalar or TypeKind.Enum or TypeKind.InputObject;
    public bool IsOutputType => Named.Kind is not TypeKind.InputObject;
    public bool IsLeafType => Kind is TypeKind.Scalar or TypeKind.Enum;
    public bool IsAbstractType => Kind is TypeKind.Interface or TypeKind.Union;
    public bool IsCompositeType => Kind is TypeKind.Object or TypeKind.Interface or TypeKind.Union;

    /// <summary>SDL notation, e.g. "[Goal!]!".</summary>
    public abstract override string ToString();
}

public sealed class ListType(GraphQLType ofType) : GraphQLType
{
    public GraphQLType OfType { get; } = ofType;
    public override TypeKind Kind => TypeKind.List;
    public override NamedType Named => OfType.Named;
    public override string ToString() => $"[{OfType}]";
}

public sealed class NonNullType : GraphQLType
{
    public NonNullType(GraphQLType ofType)
    {
        if (ofType is NonNullType) throw new ArgumentException("NonNull cannot wrap NonNull.", nameof(ofType));
        OfType = ofType;
    }

    public GraphQLType OfType { get; }
    public override TypeKind Kind => TypeKind.NonNull;
    public override NamedType Named => OfType.Named;
    public override string ToString() => $"{OfType}!";
}

public abstract class NamedType : GraphQLType
{
    protected NamedType(string name, string? description)
    {
        Name = name;
        Description = description;
    }

    public string Name { get; }
    public string? Description { get; internal set; }
    public override NamedType Named => this;
    public override string ToString() => Name;
}
