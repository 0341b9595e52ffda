using System.Collections;
using Goals.GraphQL.Types;

namespace Goals.GraphQL.Execution;

internal sealed partial class ExecutionState
{
    // ---- execution (graphql-js executeFields / executeField / completeValue) ----

    public void ExecuteFields(ObjectType type, object? source, CollectedField[] fields, ResultNode node, PathSegment? path)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (node.Dead || ResultTooLarge) return;
            ExecuteField(type, source, fields[i], node, i, path);
        }
    }

    public void ExecuteField(ObjectType type, object? source, CollectedField field, ResultNode node, int index, PathSegment? parentPath)
    {
        if (ResultTooLarge) return;
        if (field.IsTypeName)
        {
            CountResult(LeafBytes(type.Name));
            node.Set(index, type.Name);
            return;
        }

        var definition = field.Definition;
        var leaf = field.IsLeaf;
        FieldContext context;
        if (leaf && _spareLeafContext is { } spare)
        {
            _spareLeafContext = null;
            spare.Reset(source, type, field, node, index, parentPath);
            context = spare;
        }
        else
        {
            context = new FieldContext(this, source, type, field, node, index, parentPath);
        }

        var path = context.PathSegment;
        try
        {
            context.Arguments = GetArguments(field);
        }
        catch (Exception ex)
        {
            HandleFieldError(ex, definition.Type, field, node, index, path);
            return;
        }

        ValueTask<object?> pending;
        try
        {
            pending = definition.Resolver!(context);
        }
        catch (Exception ex)
        {
            HandleFieldError(ex, definition.Type, field, node, index, path);
            return;
        }

        if (pending.IsCompletedSuccessfully)
        {
            CompleteField(context, pending.Result);
            // A leaf has no child paths pointing at this context and every error was recorded already: reuse it.
            if (leaf) _spareLeafContext = context;
            return;
        }

        context.Pending = pending;
        _pending++;
        pending.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(context.OnCompleted);
    }

    private IReadOnlyDictionary<string, object?> GetArguments(CollectedField field)
    {
        var definitions = field.Definition.Arguments;
        if (definitions.Count == 0) return NoArguments;
        if (field.ArgumentsUseVariables) return Values.GetArgumentValues(definitions, field.Node.Arguments, field.Node, Variables);
        return field.ConstantArguments ??= Values.GetArgumentValues(definitions, field.Node.Arguments, field.Node, null);
    }

    private void CompleteField(FieldContext context, object? result)
    {
        if (ResultTooLarge) return;
        try
        {
            CompleteValue(context, context.Field.Type, context.Node, context.Index, context.PathSegment, result, false);
        }
        catch (Exception ex)
        {
            HandleFieldError(ex, context.Field.Type, context.Collected, context.Node, context.Index, context.PathSegment);
        }
    }

    private void CompleteValue(FieldContext context, GraphQLType type, ResultNode node, int index, PathSegment path, object? result,
        bool nonNullSlot)
    {
        // graphql-js: a resolved value that is an Error is thrown (here: an Exception value, e.g. a per-key batch error).
        if (result is Exception resultError) throw resultError;

        if (type is NonNullType nonNull)
        {
            if (result is null)
                throw new CompletionException($"Cannot return null for non-nullable field {context.ParentType.Name}.{context.Field.Name}.");
            CompleteValue(context, nonNull.OfType, node, index, path, result, true);
            return;
        }

        if (result is null)
        {
            CountResult(OtherLeafBytes);
            node.Set(index, null);
            return;
        }

        switch (type)
        {
            case ScalarType scalar:
            {
                object? serialized;
                try
                {
                    serialized = scalar.Serialize(result);
                }
                catch (InvalidOperationException ex)
                {
                    throw new CompletionException(ex.Message);
                }
                catch (GraphQLException ex)
                {
                    throw new CompletionException(ex.Message);
                }

                if (serialized is null)
                {
                    throw new CompletionException(
                        $"Expected `{scalar.Name}.serialize({Types.Scalars.Inspect.Value(result)})` to return non-nullable value, returned: null");
                }

                CountResult(LeafBytes(serialized));
                node.Set(index, serialized);
                return;
            }
            case EnumType enumType:
                try
                {
                    var name = enumType.Serialize(result);
                    CountResult(LeafBytes(name));
                    node.Set(index, name);
                }
                catch (InvalidOperationException ex)
                {
                    throw new CompletionException(ex.Message);
                }

                return;
            case ListType list:
                CompleteList(context, list, node, index, path, result, nonNullSlot);
                return;
            case ObjectType objectType:
                if (result is Task) throw TaskAsValue(context);
                CompleteObject(context, objectType, node, index, path, result, nonNullSlot);
                return;
            default:
                if (result is Task) throw TaskAsValue(context);
                CompleteObject(context, ResolveRuntimeType(context, (NamedType)type, result), node, index, path, result, nonNullSlot);
                return;
        }
    }

    private void CompleteList(FieldContext context, ListType listType, ResultNode node, int index, PathSegment path, object result,
        bool nonNullSlot)
    {
        // Dictionaries are how objects are represented (as plain objects are in graphql-js), never lists.
        if (result is string or IDictionary or IEnumerable<KeyValuePair<string, object?>> || result is not IEnumerable enumerable)
        {
            throw new CompletionException(
                $"Expected Iterable, but did not find one for field \"{context.ParentType.Name}.{context.Field.Name}\".");
        }

        IList items;
        if (result is IList list)
        {
            items = list;
        }
        else
        {
            var copy = new List<object?>();
            foreach (var item in enumerable) copy.Add(item);
            items = copy;
        }

        CountResult(ContainerOverhead + (long)items.Count * ItemOverhead);
        if (ResultTooLarge) return;
        var output = new object?[items.Count];
        var listNode = new ResultNode(node, index, nonNullSlot, output);
        node.Set(index, output);
        var itemType = listType.OfType;
        if (itemType.Named is ScalarType or EnumType)
        {
            // Leaf items have no children: their path segment is only needed when one fails.
            for (var i = 0; i < output.Length; i++)
            {
                if (listNode.Dead || ResultTooLarge) return;
                try
                {
                    CompleteValue(context, itemType, listNode, i, path, items[i], false);
                }
                catch (Exception ex)
                {
                    HandleFieldError(ex, itemType, context.Collected, listNode, i, new PathSegment(path, PathSegment.BoxIndex(i)));
                }
            }

            return;
        }

        for (var i = 0; i < output.Length; i++)
        {
            if (listNode.Dead || ResultTooLarge) return;
            var itemPath = new PathSegment(path, PathSegment.BoxIndex(i));
            try
            {
                CompleteValue(context, itemType, listNode, i, itemPath, items[i], false);
            }
            catch (Exception ex)
            {
                HandleFieldError(ex, itemType, context.Collected, listNode, i, itemPath);
            }
        }
    }

    private void CompleteObject(FieldContext context, ObjectType type, ResultNode node, int index, PathSegment path, object result,
        bool nonNullSlot)
    {
        // Depth is normally capped by validation (MaxDepth); without it, fail the field instead of the process.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var fields = context.Collected.GetSubFields(this, type);
        long entryBytes = ContainerOverhead;
        foreach (var f in fields) entryBytes += f.ResponseKey.Length + EntryOverhead;
        CountResult(entryBytes);
        if (ResultTooLarge) return;
        var map = new ResultMap(fields.Length);
        foreach (var f in fields) map.Add(new KeyValuePair<string, object?>(f.ResponseKey, null));
        var child = new ResultNode(node, index, nonNullSlot, map);
        node.Set(index, map);
        ExecuteFields(type, result, fields, child, path);
    }

    private static CompletionException TaskAsValue(FieldContext context) =>
        new($"The resolver of {context.ParentType.Name}.{context.Field.Name} returned a Task as its value; bind it as an async resolver.");

    private ObjectType ResolveRuntimeType(FieldContext context, NamedType abstractType, object result)
    {
        var resolver = abstractType is InterfaceType iface ? iface.ResolveType : (abstractType as UnionType)?.ResolveType;
        var name = resolver?.Invoke(result, context);
        if (name is null)
        {
            throw new CompletionException(
                $"Abstract type \"{abstractType.Name}\" must resolve to an Object type at runtime for field \"{context.ParentType.Name}.{context.Field.Name}\". " +
                $"Either the \"{abstractType.Name}\" type should provide a \"resolveType\" function or each possible type should provide an \"isTypeOf\" function.");
        }

        var runtimeType = Schema.GetType(name);
        if (runtimeType is null)
        {
            throw new CompletionException(
                $"Abstract type \"{abstractType.Name}\" was resolved to a type \"{name}\" that does not exist inside the schema.");
        }

        if (runtimeType is not ObjectType objectType)
            throw new CompletionException($"Abstract type \"{abstractType.Name}\" was resolved to a non-object type \"{name}\".");
        if (!Schema.IsPossibleType(abstractType, objectType))
            throw new CompletionException($"Runtime Object type \"{name}\" is not a possible type for \"{abstractType.Name}\".");
        return objectType;
    }
}
