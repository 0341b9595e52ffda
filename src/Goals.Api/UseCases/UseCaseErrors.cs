using Goals.Api.Configuration;
using Goals.Data.Repositories;
using Goals.GraphQL;

namespace Goals.Api.UseCases;

/// <summary>The errors the use cases answer with, as the client sees them (codes in <see cref="ErrorCodes"/>).</summary>
internal static class UseCaseErrors
{
    /// <summary>NOT_FOUND: the id is not the student's (or does not exist: the two are not told apart).</summary>
    public static GraphQLException NotFound(string what, Guid id, string? field = null)
    {
        var extensions = new Dictionary<string, object?> { ["id"] = id.ToString("D") };
        if (field is not null) extensions["field"] = field;
        return new GraphQLException($"{what} {id:D} was not found.", ErrorCodes.NotFound, extensions);
    }

    /// <summary>VALIDATION, with <c>extensions.field</c> naming the input path (e.g. <c>input.title</c>, <c>after</c>).</summary>
    public static GraphQLException Validation(string field, string message) =>
        new(message, ErrorCodes.Validation, new Dictionary<string, object?> { ["field"] = field });

    /// <summary>The data layer's refusal as the client sees it: LIMIT_EXCEEDED naming the limit and its value.</summary>
    public static async Task<T> WithinLimit<T>(Task<T> create)
    {
        try
        {
            return await create;
        }
        catch (LimitExceededException e)
        {
            var what = e.Limit switch
            {
                StudentLimit.GoalsPerStudent => $"a student can have at most {e.Maximum} goals",
                StudentLimit.TasksPerGoal => $"a goal can have at most {e.Maximum} tasks",
                _ => $"a goal can have at most {e.Maximum} notes",
            };
            throw new GraphQLException($"Limit reached: {what}. Delete some to make room.", ErrorCodes.LimitExceeded,
                new Dictionary<string, object?> { ["limit"] = StudentLimitsOptions.KeyOf(e.Limit), ["maximum"] = e.Maximum }, e);
        }
    }
}
