using System.Globalization;
using Goals.GraphQL.Language;

namespace Goals.GraphQL.Types.Scalars;

/// <summary>The five specified scalars, with graphql-js 16 `scalars.ts` coercion rules and messages.</summary>
public static class BuiltInScalars
{
    public const int MaxInt = int.MaxValue;
    public const int MinInt = int.MinValue;

    public static ScalarType Int { get; } = new IntScalar();
    public static ScalarType Float { get; } = new FloatScalar();
    public static ScalarType String { get; } = new StringScalar();
    public static ScalarType Boolean { get; } = new BooleanScalar();
    public static ScalarType ID { get; } = new IdScalar();

    public static IReadOnlyList<ScalarType> All { get; } = [String, Int, Float, Boolean, ID];

    public static bool IsBuiltIn(NamedType type) =>
        type == Int || type == Float || type == String || type == Boolean || type == ID;

    internal static GraphQLException InputError(string message) => new(message, ErrorCodes.BadUserInput);

    /// <summary>A CLR number as a double, or null when the value is not numeric.</summary>
    internal static double? AsNumber(object? value) => value switch
    {
        int i => i,
        long l => l,
        double d => d,
        float f => f,
        decimal m => (double)m,
        short s => s,
        byte b => b,
        sbyte sb => sb,
        uint ui => ui,
        ulong ul => ul,
        ushort us => us,
        _ => null,
    };

    internal static bool IsInteger(double d) => !double.IsInfinity(d) && Math.Floor(d) == d;

    /// <summary>JavaScript Number(string) for the forms that matter (decimal, exponent, surrounding whitespace).</summary>
    internal static double JsNumber(string s)
    {
        var t = s.Trim();
        if (t.Length == 0) return 0;
        if (t is "Infinity" or "+Infinity") return double.PositiveInfinity;
        if (t == "-Infinity") return double.NegativeInfinity;
        if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase) &&
            long.TryParse(t.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return hex;
        }

        foreach (var c in t)
        {
            if (!(char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-'))
                return double.NaN;
        }

        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN;
    }

    /// <summary>JavaScript parseInt(text, 10) for a GraphQL IntValue literal.</summary>
    internal static double ParseIntLiteral(string text) =>
        double.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private sealed class IntScalar() : ScalarType("Int",
        "The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1.")
    {
        public override object? Serialize(object? value)
        {
            if (value is int) return value;
            if (value is bool b) return b ? 1 : 0;
            var num = value is string s && s.Length > 0 ? JsNumber(s) : AsNumber(value);
            if (num is not { } n || !IsInteger(n))
                throw new InvalidOperationException($"Int cannot represent non-integer value: {Inspect.Value(value)}");
            if (n > MaxInt || n < MinInt)
                throw new InvalidOperationException("Int cannot represent non 32-bit signed integer value: " + Inspect.Value(value));
            return (int)n;
        }

        public override object? ParseValue(object? value)
        {
            if (value is int i) return i;
            if (value is long l)
            {
                if (l > MaxInt || l < MinInt)
                    throw InputError($"Int cannot represent non 32-bit signed integer value: {l.ToString(CultureInfo.InvariantCulture)}");
                return (int)l;
            }

            if (value is bool || AsNumber(value) is not { } n || !IsInteger(n))
                throw InputError($"Int cannot represent non-integer value: {Inspect.Value(value)}");
            if (n > MaxInt || n < MinInt)
                throw InputError($"Int cannot represent non 32-bit signed integer value: {Inspect.Number(n)}");
            return (int)n;
        }

        public override object? ParseLiteral(ValueNode literal)
        {
            if (literal is not IntValueNode intNode)
                throw InputError($"Int cannot represent non-integer value: {Inspect.Literal(literal)}");
            if (int.TryParse(intNode.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)) return v;
            throw InputError($"Int cannot represent non 32-bit signed integer value: {intNode.Value}");
        }
    }

    private sealed class FloatScalar() : ScalarType("Float",
        "The `Float` scalar type represents signed double-precision fractional values as specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point).")
    {
        public override object? Serialize(object? value)
        {
            if (value is double d0 && double.IsFinite(d0)) return value;
            if (value is bool b) return b ? 1.0 : 0.0;
            var num = value is string s && s.Length > 0 ? JsNumber(s) : AsNumber(value);
            if (num is not { } n || !double.IsFinite(n))
                throw new InvalidOperationException($"Float cannot represent non numeric value: {Inspect.Value(value)}");
            return n;
        }

        public override object? ParseValue(object? value)
        {
            if (value is bool || AsNumber(value) is not { } n || !double.IsFinite(n))
                throw InputError($"Float cannot represent non numeric value: {Inspect.Value(value)}");
            return n;
        }

        public override object? ParseLiteral(ValueNode literal) => literal switch
        {
            IntValueNode i => double.Parse(i.Value, NumberStyles.Float, CultureInfo.InvariantCulture),
            FloatValueNode f => double.Parse(f.Value, NumberStyles.Float, CultureInfo.InvariantCulture),
            _ => throw InputError($"Float cannot represent non numeric value: {Inspect.Literal(literal)}"),
        };
    }

    private sealed class StringScalar() : ScalarType("String",
        "The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text.")
    {
        public override object? Serialize(object? value)
        {
            switch (value)
            {
                case string s: return s;
                case bool b: return b ? "true" : "false";
                case char c: return c.ToString();
                case Guid g: return g.ToString("D");
            }

            if (AsNumber(value) is { } n && double.IsFinite(n))
                return value is double or float or decimal ? Inspect.Number(n) : Convert.ToString(value, CultureInfo.InvariantCulture);
            throw new InvalidOperationException($"String cannot represent value: {Inspect.Value(value)}");
        }

        public override object? ParseValue(object? value) =>
            value as string ?? throw InputError($"String cannot represent a non string value: {Inspect.Value(value)}");

        public override object? ParseLiteral(ValueNode literal) =>
            literal is StringValueNode s ? s.Value : throw InputError($"String cannot represent a non string value: {Inspect.Literal(literal)}");
    }

    private sealed class BooleanScalar() : ScalarType("Boolean", "The `Boolean` scalar type represents `true` or `false`.")
    {
        public override object? Serialize(object? value)
        {
            if (value is bool) return value;
            if (AsNumber(value) is { } n && double.IsFinite(n)) return n != 0;
            throw new InvalidOperationException($"Boolean cannot represent a non boolean value: {Inspect.Value(value)}");
        }

        public override object? ParseValue(object? value) =>
            value is bool b ? b : throw InputError($"Boolean cannot represent a non boolean value: {Inspect.Value(value)}");

        public override object? ParseLiteral(ValueNode literal) =>
            literal is BooleanValueNode b ? b.Value : throw InputError($"Boolean cannot represent a non boolean value: {Inspect.Literal(literal)}");
    }

    private sealed class IdScalar() : ScalarType("ID",
        "The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such as `4`) input value will be accepted as an ID.")
    {
        public override object? Serialize(object? value)
        {
            switch (value)
            {
                case string s: return s;
                case Guid g: return g.ToString("D");
                case int or long or short or byte or sbyte or uint or ulong or ushort:
                    return Convert.ToString(value, CultureInfo.InvariantCulture);
            }

            if (AsNumber(value) is { } n && IsInteger(n)) return Inspect.Number(n);
            throw new InvalidOperationException($"ID cannot represent value: {Inspect.Value(value)}");
        }

        public override object? ParseValue(object? value)
        {
            switch (value)
            {
                case string s: return s;
                case int or long: return Convert.ToString(value, CultureInfo.InvariantCulture);
                case bool: break;
                default:
                    if (AsNumber(value) is { } n && IsInteger(n)) return Inspect.Number(n);
                    break;
            }

            throw InputError($"ID cannot represent value: {Inspect.Value(value)}");
        }

        public override object? ParseLiteral(ValueNode literal) => literal switch
        {
            StringValueNode s => s.Value,
            IntValueNode i => i.Value,
            _ => throw InputError($"ID cannot represent a non-string and non-integer value: {Inspect.Literal(literal)}"),
        };
    }
}
