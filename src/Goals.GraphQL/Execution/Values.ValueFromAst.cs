using Goals.GraphQL.Language;
using Goals.GraphQL.Types;

namespace Goals.GraphQL.Execution;

public static partial class Values
{
    /// <summary>graphql-js valueFromAST: the coerced value or <see cref="Undefined"/> when the literal is invalid.</summary>
    public static object? ValueFromAst(ValueNode? node, GraphQLType type, IReadOnlyDictionary<string, object?>? variables)
    {
        if (node is null) return Undefined;
        if (node is VariableNode variable)
        {
            if (variables is null || !variables.TryGetValue(variable.Name.Value, out var variableValue)) return Undefined;
            if (variableValue is null && type is NonNullType) return Undefined;
            return variableValue;
        }

        if (type is NonNullType nonNull)
        {
            if (node is NullValueNode) return Undefined;
            return ValueFromAst(node, nonNull.OfType, variables);
        }

        if (node is NullValueNode) return null;

        switch (type)
        {
            case ListType list:
            {
                var itemType = list.OfType;
                if (node is ListValueNode listNode)
                {
                    var items = new object?[listNode.Values.Count];
                    for (var i = 0; i < items.Length; i++)
                    {
                        var itemNode = listNode.Values[i];
                        if (IsMissingVariable(itemNode, variables))
                        {
                            if (itemType is NonNullType) return Undefined;
                            items[i] = null;
                        }
                        else
                        {
                            var item = ValueFromAst(itemNode, itemType, variables);
                            if (item == Undefined) return Undefined;
                            items[i] = item;
                        }
                    }

                    return items;
                }

                var single = ValueFromAst(node, itemType, variables);
                return single == Undefined ? Undefined : new[] { single };
            }
            case InputObjectType inputObject:
            {
                if (node is not ObjectValueNode objectNode) return Undefined;
                var result = new Dictionary<string, object?>(inputObject.Fields.Count);
                foreach (var field in inputObject.Fields.Values)
                {
                    ObjectFieldNode? fieldNode = null;
                    foreach (var f in objectNode.Fields)
                    {
                        if (f.Name.Value == field.Name)
                        {
                            fieldNode = f;
                            break;
                        }
                    }

                    if (fieldNode is null || IsMissingVariable(fieldNode.Value, variables))
                    {
                        if (field.HasDefaultValue) result[field.Name] = field.CoercedDefaultValue;
                        else if (field.Type is NonNullType) return Undefined;
                        continue;
                    }

                    var value = ValueFromAst(fieldNode.Value, field.Type, variables);
                    if (value == Undefined) return Undefined;
                    result[field.Name] = value;
                }

                if (inputObject.IsOneOf)
                {
                    if (result.Count != 1) return Undefined;
                    foreach (var pair in result)
                        if (pair.Value is null) return Undefined;
                }

                return result;
            }
            case EnumType enumType:
                try
                {
                    return enumType.ParseLiteral(node);
                }
                catch (GraphQLException)
                {
                    return Undefined;
                }
            case ScalarType scalar:
                try
                {
                    return scalar.ParseLiteral(node);
                }
                catch (Exception ex) when (ex is GraphQLException or FormatException or OverflowException or InvalidOperationException or ArgumentException)
                {
                    return Undefined;
                }
            default:
                return Undefined;
        }
    }

    private static bool IsMissingVariable(ValueNode node, IReadOnlyDictionary<string, object?>? variables) =>
        node is VariableNode v && (variables is null || !variables.ContainsKey(v.Name.Value));
}
