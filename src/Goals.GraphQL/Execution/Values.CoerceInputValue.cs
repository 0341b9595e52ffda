using System.Collections;
using System.Text;
using Goals.GraphQL.Types;

namespace Goals.GraphQL.Execution;

public static partial class Values
{
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
}
