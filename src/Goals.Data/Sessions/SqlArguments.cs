using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace Goals.Data.Sessions;

/// <summary>
/// The parameters of a <see cref="DbSession"/> command: an object whose public properties are the @names (an anonymous
/// type, as Dapper took them), or the <see cref="NpgsqlParameter"/>s themselves. Like Dapper, only the names the SQL
/// uses are sent, and a null gets the database type of the property's declared type.
/// </summary>
internal static class SqlArguments
{
    public static void AddTo(NpgsqlCommand command, string sql, object? arguments)
    {
        switch (arguments)
        {
            case null:
                return;
            case IEnumerable<NpgsqlParameter> parameters:
                command.Parameters.AddRange(parameters.ToArray());
                return;
            default:
                foreach (var property in PropertiesUsed(arguments.GetType(), sql))
                {
                    command.Parameters.Add(Parameter(property.Name, property.GetValue(arguments), property.PropertyType));
                }
                return;
        }
    }

    /// <summary>A parameter whose null still has a type (a bare DBNull is untyped, which the server cannot always infer).</summary>
    public static NpgsqlParameter Parameter(string name, object? value, Type declared)
    {
        if (value is not null) return new NpgsqlParameter(name, value);
        return TypeOf(declared) is { } type ? new NpgsqlParameter(name, type) { Value = DBNull.Value } : new NpgsqlParameter(name, DBNull.Value);
    }

    private static NpgsqlDbType? TypeOf(Type declared)
    {
        var type = Nullable.GetUnderlyingType(declared) ?? declared;
        if (type.IsArray) return TypeOf(type.GetElementType()!) is { } element ? NpgsqlDbType.Array | element : null;
        if (type == typeof(string)) return NpgsqlDbType.Text;
        if (type == typeof(Guid)) return NpgsqlDbType.Uuid;
        if (type == typeof(DateTime) || type == typeof(DateTimeOffset)) return NpgsqlDbType.TimestampTz;
        if (type == typeof(bool)) return NpgsqlDbType.Boolean;
        if (type == typeof(int)) return NpgsqlDbType.Integer;
        if (type == typeof(long)) return NpgsqlDbType.Bigint;
        if (type == typeof(double)) return NpgsqlDbType.Double;
        return null;
    }

    private static bool Uses(string sql, string name) =>
        sql.Contains(name, StringComparison.OrdinalIgnoreCase) && Regex.IsMatch(sql, "[@:]" + Regex.Escape(name) + @"(?![\p{L}\p{N}_])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>
    /// The properties of <paramref name="type"/> that <paramref name="sql"/> names, found once per (type, statement):
    /// statements are constants, so the cache stays small; past <see cref="MaxCachedStatements"/> it is not grown.
    /// </summary>
    private static PropertyInfo[] PropertiesUsed(Type type, string sql)
    {
        if (Used.TryGetValue((type, sql), out var used)) return used;
        used = Array.FindAll(PropertiesOf(type), p => Uses(sql, p.Name));
        if (Used.Count < MaxCachedStatements) Used.TryAdd((type, sql), used);
        return used;
    }

    private const int MaxCachedStatements = 2048;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Type, string), PropertyInfo[]> Used = new();

    // The argument types are anonymous types of Goals.Data and Goals.Api: both are trimmer root assemblies of the
    // Native AOT build (Goals.Api.csproj), so every property of them is kept.
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Argument types live in trimmer root assemblies (Goals.Api.csproj).")]
    private static PropertyInfo[] PropertiesOf(Type type) =>
        Properties.GetOrAdd(type, t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToArray());

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();
}
