using Npgsql;

namespace Goals.Data.Sessions;

/// <summary>
/// The column readers of <see cref="IRow{TSelf}.Read"/>: an unselected column (ordinal -1) or NULL gives the fallback. On the
/// sealed <see cref="NpgsqlDataReader"/>, not DbDataReader: its generic GetFieldValue is then a direct call, not a generic
/// virtual one (which Native AOT resolves by a lookup on every call).
/// </summary>
public static class ColumnValues
{
    public static T Get<T>(this NpgsqlDataReader reader, int ordinal, T fallback = default!) =>
        ordinal < 0 || reader.IsDBNull(ordinal) ? fallback : reader.GetFieldValue<T>(ordinal);

    public static T? GetNullable<T>(this NpgsqlDataReader reader, int ordinal) where T : struct =>
        ordinal < 0 || reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);
}
