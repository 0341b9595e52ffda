using System.Data.Common;

namespace Goals.Data.Sessions;

/// <summary>The column readers of <see cref="IRow{TSelf}.Read"/>: an unselected column (ordinal -1) or NULL gives the fallback.</summary>
public static class ColumnValues
{
    public static T Get<T>(this DbDataReader reader, int ordinal, T fallback = default!) =>
        ordinal < 0 || reader.IsDBNull(ordinal) ? fallback : reader.GetFieldValue<T>(ordinal);

    public static T? GetNullable<T>(this DbDataReader reader, int ordinal) where T : struct =>
        ordinal < 0 || reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);
}
