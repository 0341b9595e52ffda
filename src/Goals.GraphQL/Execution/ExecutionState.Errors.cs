using Goals.GraphQL.Language;
using Goals.GraphQL.Types;

namespace Goals.GraphQL.Execution;

internal sealed partial class ExecutionState
{
    // ---- errors and null propagation ----

    private void HandleFieldError(Exception exception, GraphQLType slotType, CollectedField field, ResultNode node, int index, PathSegment path)
    {
        if (node.IsDeadChain()) return;
        Errors.Add(ToError(exception, field.Locations(), path.ToArray()));
        if (slotType is not NonNullType)
        {
            node.Set(index, null);
            return;
        }

        Propagate(node);
    }

    private static void Propagate(ResultNode node)
    {
        var n = node;
        while (true)
        {
            n.Dead = true;
            if (n.Parent is null) return;
            if (!n.NonNullInParent)
            {
                n.Parent.Set(n.IndexInParent, null);
                return;
            }

            n = n.Parent;
        }
    }

    public GraphQLError ToError(Exception exception, IReadOnlyList<ErrorLocation>? locations, IReadOnlyList<object>? path)
    {
        switch (exception)
        {
            case LocatedGraphQLException located:
                return new GraphQLError(located.Message, NodeLocations(located.Nodes) ?? locations, path,
                    Extensions(located.Code, located.Extensions), located);
            case GraphQLException graphQL:
                return new GraphQLError(graphQL.Message, locations, path, Extensions(graphQL.Code, graphQL.Extensions), graphQL);
            case CompletionException completion:
                return new GraphQLError(completion.Message, locations, path, Extensions(ErrorCodes.InternalServerError, null), completion);
            case Exception when MapException(exception) is { } mapped:
                return new GraphQLError(mapped.Message, locations, path, Extensions(mapped.Code, mapped.Extensions), exception);
            default:
            {
                var error = new GraphQLError("Unexpected error.", locations, path, Extensions(ErrorCodes.InternalServerError, null), exception);
                if (exception is OperationCanceledException && CancellationToken.IsCancellationRequested) return error;
                try
                {
                    Options.OnUnexpectedError?.Invoke(error, exception);
                }
                catch (Exception)
                {
                    // A failing logger must not fail the request.
                }

                return error;
            }
        }
    }

    private GraphQLException? MapException(Exception exception)
    {
        if (Options.MapException is not { } map) return null;
        try
        {
            return map(exception);
        }
        catch (Exception)
        {
            return null;
        }
    }

    internal static ErrorLocation[]? NodeLocations(IReadOnlyList<SyntaxNode> nodes)
    {
        if (nodes.Count == 0) return null;
        var result = new ErrorLocation[nodes.Count];
        for (var i = 0; i < nodes.Count; i++) result[i] = new ErrorLocation(nodes[i].Location.Line, nodes[i].Location.Column);
        return result;
    }

    internal static Dictionary<string, object?> Extensions(string code, IReadOnlyDictionary<string, object?>? extra)
    {
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = code };
        if (extra is not null)
        {
            foreach (var (key, value) in extra)
                if (key != "code") extensions[key] = value;
        }

        return extensions;
    }
}
