using System.Security.Claims;

namespace Goals.Api.Auth;

/// <summary>
/// Who is calling, resolved ONCE per request from the authenticated principal: the student id is the token's
/// `sub` claim and must be a UUID. The only place the API decides identity; resolvers ask it through
/// <see cref="RequireStudentId"/>, which fails with UNAUTHENTICATED.
/// </summary>
public sealed class StudentContext
{
    private StudentContext(Guid? studentId, string? problem)
    {
        StudentId = studentId;
        Problem = problem;
    }

    public Guid? StudentId { get; }

    /// <summary>Why there is no student (shown to the client as the error message).</summary>
    public string? Problem { get; }

    public static StudentContext Anonymous(string problem) => new(null, problem);

    public static StudentContext FromPrincipal(ClaimsPrincipal? principal, string? authenticationFailure)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return Anonymous(authenticationFailure ?? "Authentication required: send a bearer token (Authorization: Bearer <jwt>).");
        }

        var sub = principal.FindFirst("sub")?.Value;
        return Guid.TryParseExact(sub, "D", out var id)
            ? new StudentContext(id, null)
            : Anonymous("The token's subject (sub) is not a student id (UUID).");
    }

    public Guid RequireStudentId() =>
        StudentId ?? throw new GraphQL.GraphQLException(Problem ?? "Authentication required.", ErrorCodes.Unauthenticated);
}
