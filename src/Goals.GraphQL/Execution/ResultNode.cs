namespace Goals.GraphQL.Execution;

/// <summary>A response object or list under construction, linked to its parent slot for null propagation.</summary>
internal sealed class ResultNode(ResultNode? parent, int indexInParent, bool nonNullInParent, object container)
{
    public ResultNode? Parent { get; } = parent;
    public int IndexInParent { get; } = indexInParent;
    public bool NonNullInParent { get; } = nonNullInParent;
    public object Container { get; } = container;

    /// <summary>Nulled by propagation: nothing below it is executed or reported any more.</summary>
    public bool Dead;

    public bool IsDeadChain()
    {
        for (var n = this; n is not null; n = n.Parent)
            if (n.Dead) return true;
        return false;
    }

    public void Set(int index, object? value)
    {
        if (Container is object?[] array)
        {
            array[index] = value;
        }
        else
        {
            var map = (ResultMap)Container;
            map[index] = new KeyValuePair<string, object?>(map[index].Key, value);
        }
    }
}
