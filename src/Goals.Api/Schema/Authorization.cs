using Goals.Api.UseCases;
using Goals.GraphQL.Execution;

namespace Goals.Api.Schema;

/// <summary>
/// Authorization lives in ONE place: every root field is bound through <see cref="Authorized"/>, which resolves the
/// caller's student id (UNAUTHENTICATED otherwise) before any resolver body runs; every statement below it is filtered
/// by that id, so another student's ids simply are not found (NOT_FOUND).
/// </summary>
internal static class Authorization
{
    public static FieldResolver Authorized(Func<IResolverContext, GoalsRequest, Guid, Task<object?>> body) =>
        context =>
        {
            var request = GoalsRequest.Of(context);
            var studentId = request.Student.RequireStudentId();
            return new ValueTask<object?>(body(context, request, studentId));
        };
}
