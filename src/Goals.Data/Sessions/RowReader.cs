using Npgsql;

namespace Goals.Data.Sessions;

/// <summary>Reads a result set as <typeparamref name="T"/> rows (<see cref="IRow{TSelf}"/>): the columns are located once per result set.</summary>
internal static class RowReader<T> where T : IRow<T>
{
    public static async Task<IReadOnlyList<T>> ReadAllAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var rows = new List<T>();
        if (!await reader.ReadAsync(ct)) return rows;
        var ordinals = Ordinals(reader);
        do
        {
            rows.Add(T.Read(reader, ordinals));
        } while (await reader.ReadAsync(ct));
        return rows;
    }

    /// <summary>The only row, or default when there is none; more than one throws (as Dapper's QuerySingleOrDefault).</summary>
    public static async Task<T?> ReadSingleOrDefaultAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        if (!await reader.ReadAsync(ct)) return default;
        var row = T.Read(reader, Ordinals(reader));
        if (await reader.ReadAsync(ct)) throw new InvalidOperationException("Sequence contains more than one element");
        return row;
    }

    private static int[] Ordinals(NpgsqlDataReader reader)
    {
        var columns = T.Columns;
        var ordinals = new int[columns.Count];
        Array.Fill(ordinals, -1);
        for (var field = 0; field < reader.FieldCount; field++)
        {
            var name = reader.GetName(field);
            // Statements usually list the columns in the type's order: try that position first.
            var column = field < columns.Count && ColumnNames.Same(columns[field], name) ? field : ColumnNames.IndexOf(columns, name);
            if (column >= 0 && ordinals[column] < 0) ordinals[column] = field;
        }
        return ordinals;
    }
}

/// <summary>Reads the first column of a result set as <typeparamref name="T"/> (a scalar); NULL gives default.</summary>
internal static class ValueReader<T>
{
    public static async Task<IReadOnlyList<T>> ReadAllAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var values = new List<T>();
        while (await reader.ReadAsync(ct)) values.Add(reader.Get<T>(0));
        return values;
    }

    public static async Task<T?> ReadSingleOrDefaultAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        if (!await reader.ReadAsync(ct)) return default;
        var value = reader.Get<T>(0);
        if (await reader.ReadAsync(ct)) throw new InvalidOperationException("Sequence contains more than one element");
        return value;
    }
}

internal static class ColumnNames
{
    public static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (Same(columns[i], name)) return i;
        }
        return -1;
    }

    /// <summary>Equal ignoring ASCII case and underscores (created_at, createdat and CreatedAt are one column).</summary>
    public static bool Same(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal)) return true;   // the usual case: both are the lower-case alias
        int i = 0, j = 0;
        while (true)
        {
            while (i < a.Length && a[i] == '_') i++;
            while (j < b.Length && b[j] == '_') j++;
            if (i == a.Length || j == b.Length) return i == a.Length && j == b.Length;
            if (char.ToLowerInvariant(a[i]) != char.ToLowerInvariant(b[j])) return false;
            i++;
            j++;
        }
    }
}
