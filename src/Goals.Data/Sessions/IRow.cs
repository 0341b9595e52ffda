using Npgsql;

namespace Goals.Data.Sessions;

/// <summary>
/// A row type that reads itself from a result set, without reflection (the Native AOT build has none to spare):
/// <see cref="Columns"/> names the columns it knows, and <see cref="Read"/> gets in <c>at</c>, for each of them in that order, its
/// ordinal in the current result set, or -1 when the statement did not select it (the property keeps its default).
/// Columns match by name, ignoring case and underscores. <see cref="ColumnValues"/> has the readers a row needs. Types
/// are not converted: a column must have its property's type (on CockroachDB INT is INT8 and so is an integer
/// expression, so a computed integer read as int needs an explicit ::INT4).
/// </summary>
public interface IRow<TSelf> where TSelf : IRow<TSelf>
{
    static abstract IReadOnlyList<string> Columns { get; }

    static abstract TSelf Read(NpgsqlDataReader reader, ReadOnlySpan<int> at);
}
