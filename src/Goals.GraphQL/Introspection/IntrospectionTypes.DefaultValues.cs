using System.Collections;
using System.Text;
using Goals.GraphQL.Types;
using Goals.GraphQL.Types.Scalars;

namespace Goals.GraphQL.Introspection;

public static partial class IntrospectionTypes
{
    /// <summary>graphql-js: print(astFromValue(defaultValue, type)).</summary>
    public static string? PrintDefaultValue(InputValueDefinition value)
    {
        if (!value.HasDefaultValue) return null;
        var sb = new StringBuilder();
        return AppendValue(sb, value.CoercedDefaultValue, value.Type) ? sb.ToString() : null;
    }

    private static bool AppendValue(StringBuilder sb, object? value, GraphQLType type)
    {
        if (type is NonNullType nn)
        {
            if (value is null) return false;
            return AppendValue(sb, value, nn.OfType);
        }

        if (value is null)
        {
            sb.Append("null");
            return true;
        }

        switch (type)
        {
            case ListType list:
                if (value is IEnumerable e and not string && value is not IReadOnlyDictionary<string, object?>)
                {
                    sb.Append('[');
                    var first = true;
                    foreach (var item in e)
                    {
                        var mark = sb.Length;
                        if (!first) sb.Append(", ");
                        if (!AppendValue(sb, item, list.OfType)) sb.Length = mark;
                        else first = false;
                    }

                    sb.Append(']');
                    return true;
                }

                return AppendValue(sb, value, list.OfType);
            case InputObjectType io:
            {
                if (value is not IReadOnlyDictionary<string, object?> dict) return false;
                sb.Append('{');
                var first = true;
                foreach (var field in io.Fields.Values)
                {
                    if (!dict.TryGetValue(field.Name, out var fv)) continue;
                    var mark = sb.Length;
                    if (!first) sb.Append(", ");
                    sb.Append(field.Name).Append(": ");
                    if (!AppendValue(sb, fv, field.Type)) sb.Length = mark;
                    else first = false;
                }

                sb.Append('}');
                return true;
            }
            case EnumType en:
                try
                {
                    sb.Append(en.Serialize(value));
                    return true;
                }
                catch (InvalidOperationException)
                {
                    return false;
                }
            case ScalarType scalar:
            {
                object? serialized;
                try
                {
                    serialized = scalar.Serialize(value);
                }
                catch (InvalidOperationException)
                {
                    return false;
                }

                switch (serialized)
                {
                    case null: return false;
                    case bool b:
                        sb.Append(b ? "true" : "false");
                        return true;
                    case string s:
                        if (scalar == BuiltInScalars.ID && IsIntegerString(s)) sb.Append(s);
                        else sb.Append(Inspect.JsonString(s));
                        return true;
                    default:
                        if (BuiltInScalars.AsNumber(serialized) is { } n)
                        {
                            sb.Append(serialized is double or float or decimal ? Inspect.Number(n) : Convert.ToString(serialized, System.Globalization.CultureInfo.InvariantCulture));
                            return true;
                        }

                        return false;
                }
            }
        }

        return false;
    }

    private static bool IsIntegerString(string s)
    {
        if (s.Length == 0) return false;
        var i = s[0] == '-' ? 1 : 0;
        if (i >= s.Length) return false;
        if (s[i] == '0') return s.Length == i + 1;
        for (; i < s.Length; i++)
            if (!char.IsAsciiDigit(s[i])) return false;
        return true;
    }
}
