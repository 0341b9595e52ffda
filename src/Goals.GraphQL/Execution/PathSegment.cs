namespace Goals.GraphQL.Execution;

/// <summary>A response path segment (linked towards the root). Field contexts are path segments themselves.</summary>
internal class PathSegment(PathSegment? parent, object key)
{
    private static readonly object[] BoxedIndices = CreateBoxedIndices();

    private static object[] CreateBoxedIndices()
    {
        var boxes = new object[1024];
        for (var i = 0; i < boxes.Length; i++) boxes[i] = i;
        return boxes;
    }

    public static object BoxIndex(int i) => (uint)i < (uint)BoxedIndices.Length ? BoxedIndices[i] : i;

    public PathSegment? Parent { get; protected set; } = parent;
    public object Key { get; protected set; } = key;

    public object[] ToArray()
    {
        var depth = 0;
        for (var p = this; p is not null; p = p.Parent) depth++;
        var result = new object[depth];
        for (var p = this; p is not null; p = p.Parent) result[--depth] = p.Key;
        return result;
    }
}
