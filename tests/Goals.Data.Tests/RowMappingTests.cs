using Goals.Data.Jobs;
using Goals.Data.Repositories;
using Goals.Data.Sessions;
using Goals.Data.Tests.Infrastructure;
using Npgsql;

namespace Goals.Data.Tests;

/// <summary>What DbSession's row mapping and parameters do (they replaced Dapper's): against the real server.</summary>
public sealed class RowMappingTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private sealed record Row : IRow<Row>
    {
        public static IReadOnlyList<string> Columns { get; } = ["count", "text", "at", "ids", "missing"];

        public static Row Read(NpgsqlDataReader reader, ReadOnlySpan<int> at) => new()
        {
            Count = reader.Get<long>(at[0]),
            Text = reader.Get(at[1], "default"),
            At = reader.GetNullable<DateTime>(at[2]),
            Ids = reader.Get(at[3], Array.Empty<Guid>()),
            Missing = reader.Get(at[4], "not selected"),
        };

        public long Count { get; init; }
        public string Text { get; init; } = "default";
        public DateTime? At { get; init; }
        public Guid[] Ids { get; init; } = [];
        public string Missing { get; init; } = "";
    }

    [Fact]
    public async Task Columns_are_found_by_name_in_any_order_and_NULL_or_unselected_gives_the_fallback()
    {
        await using var session = db.OpenSession();
        var id = Guid.NewGuid();
        var row = await session.QuerySingleOrDefaultAsync<Row>(
            "SELECT 1 AS unmapped, ARRAY[@Id]::uuid[] AS ids, @At AS at, NULL::text AS text, 7::int8 AS count",
            new { At = (DateTime?)null, Id = id });
        Assert.NotNull(row);
        Assert.Equal(7, row.Count);
        Assert.Equal("default", row.Text);   // NULL leaves the initializer's value
        Assert.Null(row.At);                 // a typed NULL parameter (timestamptz) round-trips
        Assert.Equal([id], row.Ids);
        Assert.Equal("not selected", row.Missing);
    }

    [Fact]
    public async Task A_column_of_another_type_than_the_property_is_an_error_not_a_silent_conversion()
    {
        await using var session = db.OpenSession();
        await Assert.ThrowsAsync<InvalidCastException>(() => session.QuerySingleOrDefaultAsync<Row>("SELECT 7::int4 AS count"));
    }

    [Fact]
    public async Task A_column_list_that_names_a_subset_reads_only_those_columns_by_snake_or_alias_name()
    {
        await using var session = db.OpenSession();
        var id = Guid.NewGuid();
        var goal = await session.QuerySingleOrDefaultAsync<GoalRow>(
            "SELECT 'Read' AS title, @Id AS id, '2026-01-02T03:04:05Z'::timestamptz AS due_at, true AS complete", new { Id = id });
        Assert.NotNull(goal);
        Assert.Equal(new GoalRow { Id = id, Title = "Read", DueAt = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), Complete = true }, goal);
    }

    [Fact]
    public async Task A_record_struct_row_reads_its_columns()
    {
        await using var session = db.OpenSession();
        var (student, job) = (Guid.NewGuid(), Guid.NewGuid());
        var keys = await session.QueryAsync<JobKey>("SELECT @S AS studentid, @J AS jobid", new { S = student, J = job });
        Assert.Equal([new JobKey(student, job)], keys);
    }

    [Fact]
    public async Task Scalars_come_from_the_first_column_and_more_than_one_row_is_an_error_for_single()
    {
        await using var session = db.OpenSession();
        Assert.Equal(0L, await session.QueryValueAsync<long>("SELECT 1 WHERE false"));
        Assert.Null(await session.QueryValueAsync<string>("SELECT NULL::text"));
        Assert.Equal([1, 2, 3], await session.QueryValuesAsync<int>("SELECT generate_series(1, 3)"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.QueryValueAsync<int>("SELECT generate_series(1, 2)"));
    }

    [Fact]
    public async Task Only_the_parameters_the_SQL_names_are_sent_matching_names_case_insensitively()
    {
        await using var session = db.OpenSession();
        // @studentid names StudentId (not the longer StudentIdX); the others are left out.
        var value = await session.QueryValueAsync<string>("SELECT @studentid::text",
            new { StudentId = "a", StudentIdX = "b", Unused = 1 });
        Assert.Equal("a", value);
    }
}
