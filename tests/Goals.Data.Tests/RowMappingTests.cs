using Goals.Data.Jobs;
using Goals.Data.Tests.Infrastructure;

namespace Goals.Data.Tests;

/// <summary>What DbSession's row mapping and parameters do (they replaced Dapper's): against the real server.</summary>
public sealed class RowMappingTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private sealed record Row
    {
        public long Count { get; init; }
        public string Text { get; init; } = "default";
        public DateTime? At { get; init; }
        public Guid[] Ids { get; init; } = [];
    }

    [Fact]
    public async Task Columns_fill_properties_by_name_with_conversion_and_NULL_keeps_the_default()
    {
        await using var session = db.OpenSession();
        var id = Guid.NewGuid();
        var row = await session.QuerySingleOrDefaultAsync<Row>(
            "SELECT 7::int4 AS count, NULL::text AS text, @At AS at, ARRAY[@Id]::uuid[] AS ids, 1 AS unmapped",
            new { At = (DateTime?)null, Id = id });
        Assert.NotNull(row);
        Assert.Equal(7, row.Count);          // int4 into long
        Assert.Equal("default", row.Text);   // NULL leaves the initializer's value
        Assert.Null(row.At);                 // a typed NULL parameter (timestamptz) round-trips
        Assert.Equal([id], row.Ids);
    }

    [Fact]
    public async Task A_positional_record_struct_is_built_by_its_constructor()
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
        Assert.Equal(0L, await session.QuerySingleOrDefaultAsync<long>("SELECT 1 WHERE false"));
        Assert.Null(await session.QuerySingleOrDefaultAsync<string>("SELECT NULL::text"));
        Assert.Equal([1, 2, 3], await session.QueryAsync<int>("SELECT generate_series(1, 3)"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.QuerySingleOrDefaultAsync<int>("SELECT generate_series(1, 2)"));
    }

    [Fact]
    public async Task Only_the_parameters_the_SQL_names_are_sent_matching_names_case_insensitively()
    {
        await using var session = db.OpenSession();
        // @studentid names StudentId (not the longer StudentIdX); the others are left out.
        var value = await session.QuerySingleOrDefaultAsync<string>("SELECT @studentid::text",
            new { StudentId = "a", StudentIdX = "b", Unused = 1 });
        Assert.Equal("a", value);
    }
}
