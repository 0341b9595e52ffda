using Goals.Data.Repositories;

namespace Goals.Api.UseCases.Goals;

/// <summary>Query <c>goalsConnection</c>: a keyset page with a cursor per edge and the filter's total count (one round trip).</summary>
public sealed class PageGoals(GoalRepository goals)
{
    /// <exception cref="global::Goals.GraphQL.GraphQLException">VALIDATION (field after): not a cursor of this listing.</exception>
    public async Task<GoalConnectionPage> RunAsync(GoalsRequest request, Guid studentId, GoalListQuery query, CancellationToken ct)
    {
        GoalPage page;
        try
        {
            page = await goals.ListAsync(request.Session, studentId, query, ct);
        }
        catch (InvalidCursorException ex)
        {
            throw UseCaseErrors.Validation("after", ex.Message);
        }

        var edges = page.Items.Select(g => (g, GoalRepository.CursorOf(query.Sort, g))).ToList();
        return new GoalConnectionPage(edges, page.HasNextPage, page.TotalCount);
    }
}
