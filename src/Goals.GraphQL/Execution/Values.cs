using System.Collections;
using System.Text;
using Goals.GraphQL.Language;
using Goals.GraphQL.Types;
using Goals.GraphQL.Types.Scalars;

namespace Goals.GraphQL.Execution;

/// <summary>An engine error that knows which AST nodes it refers to (for "locations").</summary>
public sealed class LocatedGraphQLException : GraphQLException
{
    public LocatedGraphQLException(string message, string code, params SyntaxNode[] nodes) : base(message, code) => Nodes = nodes;

    public IReadOnlyList<SyntaxNode> Nodes { get; }
}

/// <summary>Input coercion: graphql-js coerceInputValue, valueFromAST, coerceVariableValues and getArgumentValues.</summary>
public static class Values
{
    /// <summary>Marks "no value" (graphql-js undefined) in <see cref="ValueFromAst"/>.</summary>
    public static readonly object Undefined = new();

    private static readonly IReadOnlyDictionary<string, object?> EmptyValues = new Dictionary<string, object?>();

    public static GraphQLType? TypeFromAst(Schema schema, TypeNode node) => node switch
    {
        NamedTypeNode named => schema.GetType(named.Name.Value),
        ListTypeNode list => TypeFromAst(schema, list.Type) is { } inner ? new ListType(inner) : null,
        NonNullTypeNode nonNull => TypeFromAst(schema, nonNull.Type) is { } inner2 && inner2 is not NonNullType ? new NonNullType(inner2) : null,
        _ => null,
    };

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

    public delegate void InputErrorHandler(IReadOnlyList<object> path, object? invalidValue, string message);

    /// <summary>graphql-js coerceInputValue for JSON-shaped input (variables).</summary>
    public static object? CoerceInputValue(object? input, GraphQLType type, InputErrorHandler onError) =>
        CoerceInputValueImpl(input, type, onError, [], hideSuggestions: false);

    /// <param name="hideSuggestions">graphql-js hideSuggestions: no "Did you mean" (they reveal schema names).</param>
    private static object? CoerceInputValueImpl(object? input, GraphQLType type, InputErrorHandler onError, List<object> path,
        bool hideSuggestions)
    {
        if (type is NonNullType nonNull)
        {
            if (input is not null) return CoerceInputValueImpl(input, nonNull.OfType, onError, path, hideSuggestions);
            onError(path.ToArray(), input, $"Expected non-nullable type \"{type}\" not to be null.");
            return Undefined;
        }

        if (input is null) return null;

        switch (type)
        {
            case ListType list:
                if (input is IEnumerable enumerable and not string && input is not IEnumerable<KeyValuePair<string, object?>>)
                {
                    var items = new List<object?>();
                    var index = 0;
                    foreach (var item in enumerable)
                    {
                        path.Add(index);
                        items.Add(CoerceInputValueImpl(item, list.OfType, onError, path, hideSuggestions));
                        path.RemoveAt(path.Count - 1);
                        index++;
                    }

                    return items.ToArray();
                }

                return new[] { CoerceInputValueImpl(input, list.OfType, onError, path, hideSuggestions) };
            case InputObjectType inputObject:
            {
                if (input is not IReadOnlyDictionary<string, object?> dict)
                {
                    onError(path.ToArray(), input, $"Expected type \"{inputObject.Name}\" to be an object.");
                    return Undefined;
                }

                var result = new Dictionary<string, object?>(inputObject.Fields.Count);
                foreach (var field in inputObject.Fields.Values)
                {
                    if (!dict.TryGetValue(field.Name, out var fieldValue))
                    {
                        if (field.HasDefaultValue) result[field.Name] = field.CoercedDefaultValue;
                        else if (field.Type is NonNullType)
                            onError(path.ToArray(), input, $"Field \"{field.Name}\" of required type \"{field.Type}\" was not provided.");
                        continue;
                    }

                    path.Add(field.Name);
                    result[field.Name] = CoerceInputValueImpl(fieldValue, field.Type, onError, path, hideSuggestions);
                    path.RemoveAt(path.Count - 1);
                }

                foreach (var key in dict.Keys)
                {
                    if (!inputObject.Fields.ContainsKey(key))
                    {
                        onError(path.ToArray(), input, $"Field \"{key}\" is not defined by type \"{inputObject.Name}\"." +
                                                       (hideSuggestions ? "" : Suggestions.DidYouMean(Suggestions.SuggestionList(key, inputObject.Fields.Keys))));
                    }
                }

                if (inputObject.IsOneOf)
                {
                    if (result.Count != 1)
                        onError(path.ToArray(), input, $"Exactly one key must be specified for OneOf type \"{inputObject.Name}\".");
                    foreach (var pair in result)
                    {
                        if (pair.Value is null)
                        {
                            var p = new List<object>(path) { pair.Key };
                            onError(p, null, $"Field \"{pair.Key}\" must be non-null.");
                        }

                        break;
                    }
                }

                return result;
            }
            case EnumType enumType:
                try
                {
                    return enumType.ParseValue(input, hideSuggestions);
                }
                catch (GraphQLException ex)
                {
                    onError(path.ToArray(), input, ex.Message);
                    return Undefined;
                }
            case ScalarType scalar:
                try
                {
                    var parsed = scalar.ParseValue(input);
                    return parsed;
                }
                catch (GraphQLException ex)
                {
                    onError(path.ToArray(), input, ex.Message);
                    return Undefined;
                }
                catch (Exception ex) when (ex is FormatException or OverflowException or InvalidOperationException or ArgumentException or InvalidCastException)
                {
                    onError(path.ToArray(), input, $"Expected type \"{scalar.Name}\". " + ex.Message);
                    return Undefined;
                }
            default:
                onError(path.ToArray(), input, $"Expected type \"{type}\".");
                return Undefined;
        }
    }

    /// <summary>graphql-js printPathArray: ".field[0].other".</summary>
    public static string PrintPath(IReadOnlyList<object> path)
    {
        var sb = new StringBuilder();
        foreach (var segment in path)
        {
            if (segment is int i) sb.Append('[').Append(i).Append(']');
            else sb.Append('.').Append(segment);
        }

        return sb.ToString();
    }

    /// <summary>
    /// graphql-js coerceVariableValues. Returns null (and fills errors) when any variable is invalid. With
    /// <paramref name="hideSuggestions"/>, messages leave out "Did you mean" (graphql-js 17's option of the same name).
    /// </summary>
    public static IReadOnlyDictionary<string, object?>? CoerceVariableValues(Schema schema,
        IReadOnlyList<VariableDefinitionNode> definitions, IReadOnlyDictionary<string, object?>? inputs, List<GraphQLError> errors,
        int maxErrors = 50, bool hideSuggestions = false)
    {
        if (definitions.Count == 0) return EmptyValues;
        var sink = new ErrorSink(errors, maxErrors);
        try
        {
            return CoerceVariableValues(schema, definitions, inputs, sink, hideSuggestions);
        }
        catch (TooManyErrorsException)
        {
            errors.Add(new GraphQLError("Too many errors processing variables, error limit reached. Execution aborted.",
                extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.BadUserInput }));
            return null;
        }
    }

    private sealed class TooManyErrorsException : Exception;

    /// <summary>graphql-js getVariableValues' maxErrors (execute passes 50).</summary>
    private sealed class ErrorSink(List<GraphQLError> errors, int maxErrors)
    {
        public int Count { get; private set; }

        public void Add(GraphQLError error)
        {
            if (Count >= maxErrors) throw new TooManyErrorsException();
            errors.Add(error);
            Count++;
        }
    }

    private static IReadOnlyDictionary<string, object?>? CoerceVariableValues(Schema schema,
        IReadOnlyList<VariableDefinitionNode> definitions, IReadOnlyDictionary<string, object?>? inputs, ErrorSink errors, bool hideSuggestions)
    {
        var coerced = new Dictionary<string, object?>(definitions.Count);
        foreach (var definition in definitions)
        {
            var name = definition.Variable.Name.Value;
            var type = TypeFromAst(schema, definition.Type);
            if (type is null || !type.IsInputType)
            {
                errors.Add(GraphQLError.At(
                    $"Variable \"${name}\" expected value of type \"{PrintTypeNode(definition.Type)}\" which cannot be used as an input type.",
                    ErrorCodes.BadUserInput, definition.Type));
                continue;
            }

            if (inputs is null || !inputs.TryGetValue(name, out var value))
            {
                if (definition.DefaultValue is not null)
                {
                    var d = ValueFromAst(definition.DefaultValue, type, null);
                    if (d != Undefined) coerced[name] = d;
                }
                else if (type is NonNullType)
                {
                    errors.Add(GraphQLError.At($"Variable \"${name}\" of required type \"{type}\" was not provided.",
                        ErrorCodes.BadUserInput, definition));
                }

                continue;
            }

            if (value is null && type is NonNullType)
            {
                errors.Add(GraphQLError.At($"Variable \"${name}\" of non-null type \"{type}\" must not be null.",
                    ErrorCodes.BadUserInput, definition));
                continue;
            }

            var result = CoerceInputValueImpl(value, type, (path, invalidValue, message) =>
            {
                var prefix = $"Variable \"${name}\" got invalid value {Inspect.Value(invalidValue)}";
                if (path.Count > 0) prefix += $" at \"{name}{PrintPath(path)}\"";
                errors.Add(GraphQLError.At(prefix + "; " + message, ErrorCodes.BadUserInput, definition));
            }, [], hideSuggestions);
            coerced[name] = result;
        }

        return errors.Count == 0 ? coerced : null;
    }

    internal static string PrintTypeNode(TypeNode node) => node switch
    {
        NamedTypeNode n => n.Name.Value,
        ListTypeNode l => "[" + PrintTypeNode(l.Type) + "]",
        NonNullTypeNode nn => PrintTypeNode(nn.Type) + "!",
        _ => "",
    };

    /// <summary>graphql-js getArgumentValues; throws <see cref="LocatedGraphQLException"/> for an invalid argument.</summary>
    public static IReadOnlyDictionary<string, object?> GetArgumentValues(IReadOnlyDictionary<string, InputValueDefinition> definitions,
        IReadOnlyList<ArgumentNode> argumentNodes, SyntaxNode node, IReadOnlyDictionary<string, object?>? variables)
    {
        if (definitions.Count == 0) return EmptyValues;
        var coerced = new Dictionary<string, object?>(definitions.Count);
        foreach (var definition in definitions.Values)
        {
            var name = definition.Name;
            var argType = definition.Type;
            ArgumentNode? argumentNode = null;
            for (var i = 0; i < argumentNodes.Count; i++)
            {
                if (argumentNodes[i].Name.Value == name)
                {
                    argumentNode = argumentNodes[i];
                    break;
                }
            }

            if (argumentNode is null)
            {
                if (definition.HasDefaultValue) coerced[name] = definition.CoercedDefaultValue;
                else if (argType is NonNullType)
                    throw new LocatedGraphQLException($"Argument \"{name}\" of required type \"{argType}\" was not provided.",
                        ErrorCodes.BadUserInput, node);
                continue;
            }

            var valueNode = argumentNode.Value;
            var isNull = valueNode is NullValueNode;
            if (valueNode is VariableNode variable)
            {
                var variableName = variable.Name.Value;
                if (variables is null || !variables.TryGetValue(variableName, out var variableValue))
                {
                    if (definition.HasDefaultValue) coerced[name] = definition.CoercedDefaultValue;
                    else if (argType is NonNullType)
                        throw new LocatedGraphQLException(
                            $"Argument \"{name}\" of required type \"{argType}\" was provided the variable \"${variableName}\" which was not provided a runtime value.",
                            ErrorCodes.BadUserInput, valueNode);
                    continue;
                }

                isNull = variableValue is null;
            }

            if (isNull && argType is NonNullType)
                throw new LocatedGraphQLException($"Argument \"{name}\" of non-null type \"{argType}\" must not be null.",
                    ErrorCodes.BadUserInput, valueNode);

            var value = ValueFromAst(valueNode, argType, variables);
            if (value == Undefined)
                throw new LocatedGraphQLException($"Argument \"{name}\" has invalid value {Inspect.Literal(valueNode)}.",
                    ErrorCodes.BadUserInput, valueNode);
            coerced[name] = value;
        }

        return coerced;
    }

    /// <summary>True when any argument value (deeply) references a variable.</summary>
    internal static bool UsesVariables(IReadOnlyList<ArgumentNode> arguments)
    {
        foreach (var argument in arguments)
            if (UsesVariables(argument.Value)) return true;
        return false;
    }

    private static bool UsesVariables(ValueNode node)
    {
        switch (node)
        {
            case VariableNode: return true;
            case ListValueNode list:
                foreach (var v in list.Values)
                    if (UsesVariables(v)) return true;
                return false;
            case ObjectValueNode obj:
                foreach (var f in obj.Fields)
                    if (UsesVariables(f.Value)) return true;
                return false;
            default: return false;
        }
    }
}
