using System.Globalization;
using System.Text;

namespace Goals.Data.Repositories;

/// <summary>
/// Opaque keyset cursor: the sort value and id of the last row of a page, e.g. "c:638...:guid".
/// A due-date cursor with an empty value means "the last row had no due date".
/// </summary>
internal readonly record struct GoalCursor(GoalSort Sort, DateTime? Value, Guid Id)
{
    public static GoalCursor From(GoalSort sort, GoalRow row) =>
        new(sort, sort == GoalSort.CreatedAtDescending ? row.CreatedAt : row.DueAt, row.Id);

    public string Encode()
    {
        var text = $"{(Sort == GoalSort.CreatedAtDescending ? 'c' : 'd')}:{Value?.Ticks.ToString(CultureInfo.InvariantCulture)}:{Id:N}";
        return Convert.ToBase64String(Encoding.ASCII.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <exception cref="InvalidCursorException">Malformed cursor, or one made for another sort order.</exception>
    public static GoalCursor Decode(string cursor, GoalSort expectedSort)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(base64)).Split(':');
            var sort = parts[0] switch
            {
                "c" => GoalSort.CreatedAtDescending,
                "d" => GoalSort.DueAtAscending,
                _ => throw new FormatException(),
            };
            DateTime? value = parts[1].Length == 0 ? null : new DateTime(long.Parse(parts[1], CultureInfo.InvariantCulture), DateTimeKind.Utc);
            if (sort != expectedSort || (sort == GoalSort.CreatedAtDescending && value is null) || parts.Length != 3)
            {
                throw new FormatException();
            }
            return new GoalCursor(sort, value, Guid.ParseExact(parts[2], "N"));
        }
        catch (Exception e) when (e is FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException or OverflowException)
        {
            throw new InvalidCursorException("The pagination cursor is invalid or belongs to a different sort order.", e);
        }
    }
}

/// <summary>A pagination cursor that this listing did not hand out (or handed out for another sort order).</summary>
public sealed class InvalidCursorException : ArgumentException
{
    public InvalidCursorException() { }
    public InvalidCursorException(string message) : base(message) { }
    public InvalidCursorException(string message, Exception inner) : base(message, inner) { }
}
