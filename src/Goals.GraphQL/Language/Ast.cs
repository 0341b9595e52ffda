namespace Goals.GraphQL.Language;

/// <summary>Where a node or token sits in its source: character offsets plus the 1-based line and column of Start.</summary>
public readonly record struct Location(int Start, int End, int Line, int Column);

public enum OperationType { Query, Mutation, Subscription }

public abstract class SyntaxNode
{
    public Location Location { get; init; }
}

public sealed class NameNode : SyntaxNode
{
    public required string Value { get; init; }
    public override string ToString() => Value;
}

public sealed class DocumentNode : SyntaxNode
{
    public required IReadOnlyList<DefinitionNode> Definitions { get; init; }
}

public abstract class DefinitionNode : SyntaxNode;

public abstract class ExecutableDefinitionNode : DefinitionNode
{
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
    public required SelectionSetNode SelectionSet { get; init; }
}

public sealed class OperationDefinitionNode : ExecutableDefinitionNode
{
    /// <summary>Working-draft executable description (graphql-js 16.11+ parses it).</summary>
    public StringValueNode? Description { get; init; }

    public OperationType Operation { get; init; }
    public NameNode? Name { get; init; }
    public IReadOnlyList<VariableDefinitionNode> VariableDefinitions { get; init; } = [];
}

public sealed class FragmentDefinitionNode : ExecutableDefinitionNode
{
    public StringValueNode? Description { get; init; }

    public required NameNode Name { get; init; }
    public required NamedTypeNode TypeCondition { get; init; }
}

public sealed class VariableDefinitionNode : SyntaxNode
{
    public StringValueNode? Description { get; init; }

    public required VariableNode Variable { get; init; }
    public required TypeNode Type { get; init; }
    public ValueNode? DefaultValue { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

public sealed class SelectionSetNode : SyntaxNode
{
    public required IReadOnlyList<SelectionNode> Selections { get; init; }
}

public abstract class SelectionNode : SyntaxNode
{
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

public sealed class FieldNode : SelectionNode
{
    public NameNode? Alias { get; init; }
    public required NameNode Name { get; init; }
    public IReadOnlyList<ArgumentNode> Arguments { get; init; } = [];
    public SelectionSetNode? SelectionSet { get; init; }

    /// <summary>The response key: the alias when there is one, else the field name.</summary>
    public string ResponseKey => Alias?.Value ?? Name.Value;
}

public sealed class FragmentSpreadNode : SelectionNode
{
    public required NameNode Name { get; init; }
}

public sealed class InlineFragmentNode : SelectionNode
{
    public NamedTypeNode? TypeCondition { get; init; }
    public required SelectionSetNode SelectionSet { get; init; }
}

public sealed class ArgumentNode : SyntaxNode
{
    public required NameNode Name { get; init; }
    public required ValueNode Value { get; init; }
}

public sealed class DirectiveNode : SyntaxNode
{
    public required NameNode Name { get; init; }
    public IReadOnlyList<ArgumentNode> Arguments { get; init; } = [];
}

public abstract class ValueNode : SyntaxNode;

public sealed class VariableNode : ValueNode
{
    public required NameNode Name { get; init; }
}

/// <summary>Int literal kept as its source text; coercion decides whether it fits.</summary>
public sealed class IntValueNode : ValueNode
{
    public required string Value { get; init; }
}

public sealed class FloatValueNode : ValueNode
{
    public required string Value { get; init; }
}

public sealed class StringValueNode : ValueNode
{
    /// <summary>The decoded string (escapes resolved, block string indentation removed).</summary>
    public required string Value { get; init; }
    public bool Block { get; init; }
}

public sealed class BooleanValueNode : ValueNode
{
    public bool Value { get; init; }
}

public sealed class NullValueNode : ValueNode;

public sealed class EnumValueNode : ValueNode
{
    public required string Value { get; init; }
}

public sealed class ListValueNode : ValueNode
{
    public required IReadOnlyList<ValueNode> Values { get; init; }
}

public sealed class ObjectValueNode : ValueNode
{
    public required IReadOnlyList<ObjectFieldNode> Fields { get; init; }
}

public sealed class ObjectFieldNode : SyntaxNode
{
    public required NameNode Name { get; init; }
    public required ValueNode Value { get; init; }
}

public abstract class TypeNode : SyntaxNode;

public sealed class NamedTypeNode : TypeNode
{
    public required NameNode Name { get; init; }
}

public sealed class ListTypeNode : TypeNode
{
    public required TypeNode Type { get; init; }
}

/// <summary>Wraps a NamedTypeNode or a ListTypeNode, never another NonNullTypeNode.</summary>
public sealed class NonNullTypeNode : TypeNode
{
    public required TypeNode Type { get; init; }
}
