using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;

namespace Goals.Data.Sessions;

/// <summary>
/// Maps rows to <typeparamref name="T"/> without generated IL (Native AOT): a simple type (string, Guid, numbers,
/// bool, DateTime, arrays of them) is the first column; anything else is built by a public constructor whose
/// parameters are exactly the columns, or else by its parameterless one with the columns set on its properties. Columns
/// match names case-insensitively (underscores ignored); NULL leaves the default; values are converted when the
/// column's type differs (int to long, ...). The trimmer keeps what this needs through the annotation on T.
/// </summary>
internal static class RowReader<[DynamicallyAccessedMembers(RowReader.Members)] T>
{
    private static readonly ConcurrentDictionary<string, Func<DbDataReader, T>> Readers = new(StringComparer.Ordinal);

    public static async Task<IReadOnlyList<T>> ReadAllAsync(DbDataReader reader, CancellationToken ct)
    {
        var rows = new List<T>();
        if (!await reader.ReadAsync(ct)) return rows;
        var read = For(reader);
        do
        {
            rows.Add(read(reader));
        } while (await reader.ReadAsync(ct));
        return rows;
    }

    /// <summary>The only row, or default when there is none; more than one throws (as Dapper's QuerySingleOrDefault).</summary>
    public static async Task<T?> ReadSingleOrDefaultAsync(DbDataReader reader, CancellationToken ct)
    {
        if (!await reader.ReadAsync(ct)) return default;
        var row = For(reader)(reader);
        if (await reader.ReadAsync(ct)) throw new InvalidOperationException("Sequence contains more than one element");
        return row;
    }

    private static Func<DbDataReader, T> For(DbDataReader reader)
    {
        if (RowReader.IsSimple(typeof(T))) return r => r.IsDBNull(0) ? default! : (T)RowReader.Convert(r.GetValue(0), typeof(T))!;
        var columns = new string[reader.FieldCount];
        for (var i = 0; i < columns.Length; i++) columns[i] = reader.GetName(i);
        return Readers.GetOrAdd(string.Join('\u0001', columns), _ => Build(columns));
    }

    private static Func<DbDataReader, T> Build(string[] columns)
    {
        var constructor = typeof(T).GetConstructors().FirstOrDefault(c =>
        {
            var parameters = c.GetParameters();
            return parameters.Length == columns.Length && parameters.Length > 0
                   && parameters.Select((p, i) => RowReader.SameName(p.Name ?? "", columns[i])).All(same => same);
        });
        if (constructor is not null)
        {
            var types = constructor.GetParameters().Select(p => p.ParameterType).ToArray();
            return reader =>
            {
                var arguments = new object?[types.Length];
                for (var i = 0; i < types.Length; i++)
                {
                    arguments[i] = reader.IsDBNull(i) ? RowReader.NullFor(types[i], columns[i]) : RowReader.Convert(reader.GetValue(i), types[i]);
                }
                return (T)constructor.Invoke(arguments);
            };
        }

        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToArray();
        var setters = columns.Select(c => properties.FirstOrDefault(p => string.Equals(p.Name, c, StringComparison.OrdinalIgnoreCase))
                                          ?? properties.FirstOrDefault(p => RowReader.SameName(p.Name, c))).ToArray();
        return reader =>
        {
            object row = Activator.CreateInstance<T>()!;   // boxed once, so a struct's setters change this copy
            for (var i = 0; i < setters.Length; i++)
            {
                if (setters[i] is { } property && !reader.IsDBNull(i))
                {
                    property.SetValue(row, RowReader.Convert(reader.GetValue(i), property.PropertyType));
                }
            }
            return (T)row;
        };
    }
}

internal static class RowReader
{
    public const DynamicallyAccessedMemberTypes Members = DynamicallyAccessedMemberTypes.PublicConstructors
        | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor | DynamicallyAccessedMemberTypes.PublicProperties;

    public static bool IsSimple(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsArray) return type != typeof(object[]) && IsSimple(type.GetElementType()!);
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(Guid) || type == typeof(decimal)
               || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(TimeSpan) || type == typeof(object);
    }

    public static bool SameName(string member, string column) =>
        string.Equals(member.Replace("_", "", StringComparison.Ordinal), column.Replace("_", "", StringComparison.Ordinal),
            StringComparison.OrdinalIgnoreCase);

    /// <summary>What a NULL column gives a constructor parameter: null, unless the type cannot hold it.</summary>
    public static object? NullFor(Type type, string column) =>
        type.IsValueType && Nullable.GetUnderlyingType(type) is null
            ? throw new InvalidOperationException($"Column {column} is NULL, but {type.Name} cannot be null.")
            : null;

    public static object? Convert(object? value, Type type)
    {
        if (value is null or DBNull) return null;
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target.IsInstanceOfType(value)) return value;
        if (target.IsEnum) return Enum.ToObject(target, value);
        return System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
    }
}
