using System.Text.RegularExpressions;
using Goals.Api.UseCases;
using Goals.GraphQL;

namespace Goals.Api.Schema;

/// <summary>
/// Reads and checks one input object (already coerced by the engine). Every rule violation becomes a GraphQL error
/// with code VALIDATION and `extensions.field` naming the input path, e.g. `input.title`.
/// </summary>
internal sealed partial class InputReader(IReadOnlyDictionary<string, object?> values, string path)
{
    public static InputReader Of(Goals.GraphQL.Execution.IResolverContext context, string argument = "input") =>
        new(context.Arguments.TryGetValue(argument, out var v) && v is IReadOnlyDictionary<string, object?> d
            ? d
            : new Dictionary<string, object?>(), argument);

    public bool Has(string name) => values.ContainsKey(name);

    public object? Raw(string name) => values.TryGetValue(name, out var v) ? v : null;

    public Guid Id(string name) => Raw(name) is Guid g ? g : throw Invalid(name, $"{Field(name)} must be a UUID.");

    public bool? Bool(string name) => Raw(name) as bool?;

    public string? GoalType(string name) => Raw(name)?.ToString();

    /// <summary>A text of min..max characters (after trimming); min ≥ 1 also rejects whitespace-only text. Characters are
    /// Unicode scalar values, as the database's char_length counts them (an emoji is one, not two UTF-16 code units).</summary>
    public string Text(string name, int min, int max)
    {
        var raw = Raw(name) as string ?? (min == 0 ? "" : throw Invalid(name, $"{Field(name)} is required."));
        var text = raw.Trim();
        if (text.Contains('\0')) throw Invalid(name, $"{Field(name)} must not contain NUL characters.");
        var length = UnicodeText.ScalarCount(text) ?? throw Invalid(name, $"{Field(name)} must be valid Unicode (it holds a lone surrogate).");
        if (length < min)
            throw Invalid(name, min == 1 ? $"{Field(name)} must not be empty." : $"{Field(name)} must have at least {min} characters.");
        if (length > max) throw Invalid(name, $"{Field(name)} must have at most {max} characters (has {length}).");
        return text;
    }

    public string? OptionalText(string name, int min, int max) => Raw(name) is null ? null : Text(name, min, max);

    /// <summary>`#RRGGBB` (stored upper-case), or null.</summary>
    public string? Color(string name)
    {
        if (Raw(name) is not string s) return null;
        if (!ColorPattern().IsMatch(s)) throw Invalid(name, $"{Field(name)} must be a colour in the form #RRGGBB, e.g. #1A2B3C.");
        return s.ToUpperInvariant();
    }

    /// <summary>A due date (the engine's DateTime scalar already requires an offset) within a sane range.</summary>
    public DateTimeOffset? DueAt(string name)
    {
        if (Raw(name) is not DateTimeOffset d) return null;
        if (d.UtcDateTime.Year is < 1970 or > 9998) throw Invalid(name, $"{Field(name)} must be between 1970 and 9998.");
        return d;
    }

    public string? IdempotencyKey(string name)
    {
        if (Raw(name) is not string key) return null;
        if (UnicodeText.ScalarCount(key) is not (>= 1 and <= 100) || key.Any(char.IsControl))
            throw Invalid(name, $"{Field(name)} must have 1..100 printable characters.");
        return key;
    }

    public IReadOnlyList<Guid> Ids(string name) =>
        Raw(name) is IEnumerable<object?> list ? list.Select(o => o is Guid g ? g : throw Invalid(name, $"{Field(name)} must hold UUIDs.")).ToList() : [];

    public string Field(string name) => path + "." + name;

    public GraphQLException Invalid(string name, string message) => Validation(Field(name), message);

    public static GraphQLException Validation(string field, string message) => UseCaseErrors.Validation(field, message);

    // \z, not $: $ also matches before a final "\n", which the database's CHECK (POSIX ^...$) then refuses.
    [GeneratedRegex(@"^#[0-9A-Fa-f]{6}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ColorPattern();
}
