using System.Globalization;
using System.Text;
using Goals.Data.Jobs;

namespace Goals.Api.UseCases.Jobs;

/// <summary>Query <c>jobs(first, after)</c>: the student's jobs, newest first, one keyset page.</summary>
public sealed class ListJobs(JobRepository jobs)
{
    public sealed record Edge(string Cursor, JobRecord Node);

    public sealed record Page(IReadOnlyList<Edge> Edges, bool HasNextPage);

    /// <exception cref="global::Goals.GraphQL.GraphQLException">VALIDATION (field after): not a cursor of this listing.</exception>
    public async Task<Page> RunAsync(GoalsRequest request, Guid studentId, int first, string? after, CancellationToken ct)
    {
        var afterKey = after is null ? null : DecodeCursor(after);
        var rows = await jobs.ListAsync(request.Session, studentId, first + 1, afterKey, ct);
        return new Page(rows.Take(first).Select(j => new Edge(EncodeCursor(j), j)).ToList(), rows.Count > first);
    }

    private static string EncodeCursor(JobRecord job) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{job.CreatedAt.Ticks.ToString(CultureInfo.InvariantCulture)}:{job.Id:D}"));

    private static (DateTime, Guid)? DecodeCursor(string cursor)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split(':');
            if (parts.Length == 2 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var ticks) && Guid.TryParse(parts[1], out var id))
                return (new DateTime(ticks, DateTimeKind.Utc), id);
        }
        catch (FormatException)
        {
        }

        throw UseCaseErrors.Validation("after", "after is not a cursor of this listing.");
    }
}
