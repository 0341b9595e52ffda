using System.Globalization;
using System.Text.RegularExpressions;
using Goals.GraphQL.Language;

namespace Goals.GraphQL.Types.Scalars;

/// <summary>
/// `scalar DateTime`: a <see cref="DateTimeOffset"/>. Input is ISO 8601 / RFC 3339 with a REQUIRED offset
/// ("2026-01-02T03:04:05Z", "2026-01-02T03:04:05.123+02:00"); output is UTC with milliseconds: "2026-01-02T01:04:05.123Z".
/// </summary>
public sealed partial class DateTimeScalar : ScalarType
{
    public DateTimeScalar(string name = "DateTime")
        : base(name, "A date and time with an offset in ISO 8601 form, e.g. \"2026-01-02T03:04:05Z\"; always returned in UTC with milliseconds.")
    {
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso8601WithOffset();

    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public override object? Serialize(object? value) => value switch
    {
        DateTimeOffset dto => Format(dto),
        DateTime dt => Format(dt.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(dt, TimeSpan.Zero) : new DateTimeOffset(dt.ToUniversalTime())),
        string s when TryParse(s, out var parsed) => Format(parsed),
        _ => throw new InvalidOperationException($"{Name} cannot represent value: {Inspect.Value(value)}"),
    };

    public override object? ParseValue(object? value) => value switch
    {
        DateTimeOffset dto => dto,
        string s => TryParse(s, out var parsed) ? parsed : throw Invalid(Inspect.Value(value)),
        _ => throw Invalid(Inspect.Value(value)),
    };

    public override object? ParseLiteral(ValueNode literal) =>
        literal is StringValueNode s && TryParse(s.Value, out var parsed) ? parsed : throw Invalid(Inspect.Literal(literal));

    public static bool TryParse(string s, out DateTimeOffset value)
    {
        value = default;
        return Iso8601WithOffset().IsMatch(s) &&
               DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value);
    }

    private GraphQLException Invalid(string shown) =>
        new($"{Name} cannot represent value: {shown}. Expected an ISO 8601 date-time with an offset, such as \"2026-01-02T03:04:05Z\" or \"2026-01-02T03:04:05+02:00\".",
            ErrorCodes.BadUserInput);
}
