using Goals.GraphQL.Language;
using Goals.GraphQL.Types;
using Goals.GraphQL.Types.Scalars;

namespace Goals.GraphQL.Execution;

/// <summary>Input coercion: graphql-js values.ts (coerceVariableValues, getArgumentValues); valueFromAST and
/// coerceInputValue are in the partial files named after them.</summary>
public static partial class Values
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

    private static Dictionary<string, object?>? CoerceVariableValues(Schema schema,
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
                if (definition.HasDefaultValue)
                {
                    coerced[name] = definition.CoercedDefaultValue;
                }
                else if (argType is NonNullType)
                {
                    throw new LocatedGraphQLException($"Argument \"{name}\" of required type \"{argType}\" was not provided.",
                        ErrorCodes.BadUserInput, node);
                }

                continue;
            }

            var valueNode = argumentNode.Value;
            var isNull = valueNode is NullValueNode;
            if (valueNode is VariableNode variable)
            {
                var variableName = variable.Name.Value;
                if (variables is null || !variables.TryGetValue(variableName, out var variableValue))
                {
                    if (definition.HasDefaultValue)
                    {
                        coerced[name] = definition.CoercedDefaultValue;
                    }
                    else if (argType is NonNullType)
                    {
                        throw new LocatedGraphQLException(
                            $"Argument \"{name}\" of required type \"{argType}\" was provided the variable \"${variableName}\" which was not provided a runtime value.",
                            ErrorCodes.BadUserInput, valueNode);
                    }

                    continue;
                }

                isNull = variableValue is null;
            }

            if (isNull && argType is NonNullType)
            {
                throw new LocatedGraphQLException($"Argument \"{name}\" of non-null type \"{argType}\" must not be null.",
                    ErrorCodes.BadUserInput, valueNode);
            }

            var value = ValueFromAst(valueNode, argType, variables);
            if (value == Undefined)
            {
                throw new LocatedGraphQLException($"Argument \"{name}\" has invalid value {Inspect.Literal(valueNode)}.",
                    ErrorCodes.BadUserInput, valueNode);
            }

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
