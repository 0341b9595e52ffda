using Goals.GraphQL.Language;

namespace Goals.GraphQL.Types.Scalars;

/// <summary>
/// `scalar UUID`: a <see cref="Guid"/>. Input must be the canonical 8-4-4-4-12 hex form (either case);
/// output is lowercase canonical.
/// </summary>
public sealed class UuidScalar : ScalarType
{
    public UuidScalar(string name = "UUID")
        : base(name, "A universally unique identifier in its canonical 8-4-4-4-12 hexadecimal form, e.g. \"3fa85f64-5717-4562-b3fc-2c963f66afa6\".")
    {
    }

    public override object? Serialize(object? value) => value switch
    {
        Guid g => g.ToString("D"),
        string s when Guid.TryParseExact(s, "D", out var g) => g.ToString("D"),
        _ => throw new InvalidOperationException($"{Name} cannot represent value: {Inspect.Value(value)}"),
    };

    public override object? ParseValue(object? value) => value switch
    {
        Guid g => g,
        string s => Parse(s, Inspect.Value(value)),
        _ => throw Invalid(Inspect.Value(value)),
    };

    public override object? ParseLiteral(ValueNode literal) =>
        literal is StringValueNode s ? Parse(s.Value, Inspect.Literal(literal)) : throw Invalid(Inspect.Literal(literal));

    private Guid Parse(string s, string shown) => Guid.TryParseExact(s, "D", out var g) ? g : throw Invalid(shown);

    private GraphQLException Invalid(string shown) =>
        new($"{Name} cannot represent value: {shown}. Expected a UUID string such as \"3fa85f64-5717-4562-b3fc-2c963f66afa6\".",
            ErrorCodes.BadUserInput);
}
