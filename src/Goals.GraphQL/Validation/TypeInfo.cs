using Goals.GraphQL.Types;

namespace Goals.GraphQL.Validation;

/// <summary>Array-backed stack that allows null entries and peeking below the top.</summary>
internal sealed class RefStack<T> where T : class
{
    private T?[] _items = new T?[16];
    public int Count { get; private set; }

    public void Push(T? item)
    {
        if (Count == _items.Length) Array.Resize(ref _items, Count * 2);
        _items[Count++] = item;
    }

    public void Pop() => _items[--Count] = null;
    public T? Peek() => Count > 0 ? _items[Count - 1] : null;
    public T? PeekBelow() => Count > 1 ? _items[Count - 2] : null;
}

/// <summary>
/// graphql-js TypeInfo: the types around the node being visited. The validation walker pushes and pops these stacks.
/// </summary>
internal sealed class TypeInfo(Schema schema)
{
    public Schema Schema { get; } = schema;
    internal readonly RefStack<GraphQLType> TypeStack = new();
    internal readonly RefStack<NamedType> ParentTypeStack = new();
    internal readonly RefStack<GraphQLType> InputTypeStack = new();
    internal readonly RefStack<FieldDefinition> FieldDefStack = new();
    internal readonly RefStack<Language.ValueNode> DefaultValueStack = new();

    /// <summary>The output type of the current field, fragment or operation.</summary>
    public GraphQLType? Type => TypeStack.Peek();

    /// <summary>The composite type whose selection set is being visited.</summary>
    public NamedType? ParentType => ParentTypeStack.Peek();

    public GraphQLType? InputType => InputTypeStack.Peek();
    public GraphQLType? ParentInputType => InputTypeStack.PeekBelow();
    public FieldDefinition? FieldDef => FieldDefStack.Peek();
    public Language.ValueNode? DefaultValue => DefaultValueStack.Peek();
    public DirectiveDefinition? Directive { get; internal set; }
    public InputValueDefinition? Argument { get; internal set; }
}
