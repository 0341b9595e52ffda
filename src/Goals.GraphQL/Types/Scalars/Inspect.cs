using System.Collections;
using System.Globalization;
using System.Text;
using Goals.GraphQL.Language;

namespace Goals.GraphQL.Types.Scalars;

/// <summary>graphql-js `inspect` and `printForError` equivalents, so error messages read exactly like graphql-js.</summary>
public static class Inspect
{
    private const int MaxArrayLength = 10;
    private const int MaxRecursiveDepth = 2;

    public static string Value(object? value) => Format(value, 0);

    private static string Format(object? value, int depth)
    {
        switch (value)
        {
            case null: return "null";
            case string s: return JsonString(s);
            case bool b: return b ? "true" : "false";
            case double d: return Number(d);
            case float f: return Number(f);
            case int or long or short or byte or sbyte or uint or ulong or ushort:
                return Convert.ToString(value, CultureInfo.InvariantCulture)!;
            case decimal m: return Number((double)m);
            case Guid g: return g.ToString("D");
            case DateTimeOffset dto: return dto.ToString("O", CultureInfo.InvariantCulture);
            case IEnumerable<KeyValuePair<string, object?>> dict:
            {
                var entries = new List<string>();
                foreach (var pair in dict)
                {
                    if (depth + 1 > MaxRecursiveDepth) return "[Object]";
                    entries.Add(pair.Key + ": " + Format(pair.Value, depth + 1));
                }

                return entries.Count == 0 ? "{}" : "{ " + string.Join(", ", entries) + " }";
            }
            case IEnumerable list:
            {
                var items = new List<string>();
                int count = 0, total = 0;
                foreach (var item in list)
                {
                    total++;
                    if (count < MaxArrayLength)
                    {
                        if (depth + 1 > MaxRecursiveDepth) return "[Array]";
                        items.Add(Format(item, depth + 1));
                        count++;
                    }
                }

                if (total == 0) return "[]";
                var remaining = total - count;
                if (remaining == 1) items.Add("... 1 more item");
                else if (remaining > 1) items.Add($"... {remaining} more items");
                return "[" + string.Join(", ", items) + "]";
            }
            default:
                return value.ToString() ?? "[object]";
        }
    }

    /// <summary>JavaScript's Number.prototype.toString for finite and non-finite doubles.</summary>
    public static string Number(double d)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsPositiveInfinity(d)) return "Infinity";
        if (double.IsNegativeInfinity(d)) return "-Infinity";
        if (d == 0) return "0";
        var abs = Math.Abs(d);
        if (abs >= 1e21 || abs < 1e-6)
        {
            // JS: 1e+21, 1.5e-7
            var r = d.ToString("R", CultureInfo.InvariantCulture); // e.g. 1E+21, 1.5E-07
            var e = r.IndexOf('E');
            if (e < 0) return r;
            var mantissa = r[..e];
            var exp = int.Parse(r[(e + 1)..], CultureInfo.InvariantCulture);
            return mantissa + "e" + (exp >= 0 ? "+" : "-") + Math.Abs(exp).ToString(CultureInfo.InvariantCulture);
        }

        var s = d.ToString("R", CultureInfo.InvariantCulture);
        if (s.Contains('E'))
        {
            s = d.ToString("0.####################", CultureInfo.InvariantCulture);
        }

        return s;
    }

    public static string JsonString(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>graphql-js print() of a value literal (used by printForError).</summary>
    public static string Literal(ValueNode node)
    {
        var sb = new StringBuilder();
        AppendLiteral(sb, node);
        return sb.ToString();
    }

    private static void AppendLiteral(StringBuilder sb, ValueNode node)
    {
        switch (node)
        {
            case VariableNode v: sb.Append('$').Append(v.Name.Value); break;
            case IntValueNode i: sb.Append(i.Value); break;
            case FloatValueNode f: sb.Append(f.Value); break;
            case StringValueNode s:
                if (s.Block) sb.Append("\"\"\"").Append(s.Value.Replace("\"\"\"", "\\\"\"\"", StringComparison.Ordinal)).Append("\"\"\"");
                else sb.Append(JsonString(s.Value));
                break;
            case BooleanValueNode b: sb.Append(b.Value ? "true" : "false"); break;
            case NullValueNode: sb.Append("null"); break;
            case EnumValueNode e: sb.Append(e.Value); break;
            case ListValueNode l:
                sb.Append('[');
                for (var i = 0; i < l.Values.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    AppendLiteral(sb, l.Values[i]);
                }

                sb.Append(']');
                break;
            case ObjectValueNode o:
                sb.Append('{');
                for (var i = 0; i < o.Fields.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    sb.Append(o.Fields[i].Name.Value).Append(": ");
                    AppendLiteral(sb, o.Fields[i].Value);
                }

                sb.Append('}');
                break;
        }
    }
}
