namespace Goals.GraphQL.Language;

public abstract class TypeSystemDefinitionNode : DefinitionNode
{
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

public sealed class SchemaDefinitionNode : TypeSystemDefinitionNode
{
    public StringValueNode? Description { get; init; }
    public required IReadOnlyList<OperationTypeDefinitionNode> OperationTypes { get; init; }
}

public sealed class SchemaExtensionNode : TypeSystemDefinitionNode
{
    public IReadOnlyList<OperationTypeDefinitionNode> OperationTypes { get; init; } = [];
}

public sealed class OperationTypeDefinitionNode : SyntaxNode
{
    public OperationType Operation { get; init; }
    public required NamedTypeNode Type { get; init; }
}

/// <summary>A type definition or a type extension: both name a type and carry directives.</summary>
public abstract class TypeDefinitionNode : TypeSystemDefinitionNode
{
    public StringValueNode? Description { get; init; }
    public required NameNode Name { get; init; }

    /// <summary>True for the `extend ...` forms.</summary>
    public bool IsExtension { get; init; }
}

public sealed class ScalarTypeDefinitionNode : TypeDefinitionNode;

public sealed class ObjectTypeDefinitionNode : TypeDefinitionNode
{
    public IReadOnlyList<NamedTypeNode> Interfaces { get; init; } = [];
    public IReadOnlyList<FieldDefinitionNode> Fields { get; init; } = [];
}

public sealed class InterfaceTypeDefinitionNode : TypeDefinitionNode
{
    public IReadOnlyList<NamedTypeNode> Interfaces { get; init; } = [];
    public IReadOnlyList<FieldDefinitionNode> Fields { get; init; } = [];
}

public sealed class UnionTypeDefinitionNode : TypeDefinitionNode
{
    public IReadOnlyList<NamedTypeNode> Types { get; init; } = [];
}

public sealed class EnumTypeDefinitionNode : TypeDefinitionNode
{
    public IReadOnlyList<EnumValueDefinitionNode> Values { get; init; } = [];
}

public sealed class InputObjectTypeDefinitionNode : TypeDefinitionNode
{
    public IReadOnlyList<InputValueDefinitionNode> Fields { get; init; } = [];
}

public sealed class FieldDefinitionNode : SyntaxNode
{
    public StringValueNode? Description { get; init; }
    public required NameNode Name { get; init; }
    public IReadOnlyList<InputValueDefinitionNode> Arguments { get; init; } = [];
    public required TypeNode Type { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

/// <summary>An argument definition or an input object field definition.</summary>
public sealed class InputValueDefinitionNode : SyntaxNode
{
    public StringValueNode? Description { get; init; }
    public required NameNode Name { get; init; }
    public required TypeNode Type { get; init; }
    public ValueNode? DefaultValue { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

public sealed class EnumValueDefinitionNode : SyntaxNode
{
    public StringValueNode? Description { get; init; }
    public required NameNode Name { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

public sealed class DirectiveDefinitionNode : TypeSystemDefinitionNode
{
    public StringValueNode? Description { get; init; }
    public required NameNode Name { get; init; }
    public IReadOnlyList<InputValueDefinitionNode> Arguments { get; init; } = [];
    public bool Repeatable { get; init; }
    public required IReadOnlyList<NameNode> Locations { get; init; }
}
