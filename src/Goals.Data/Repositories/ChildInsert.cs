using Goals.Data.Sessions;

namespace Goals.Data.Repositories;

/// <summary>Why an insert of a task or note under a goal added nothing.</summary>
internal static class ChildInsert
{
    /// <summary>
    /// Null when the goal is not the student's; otherwise the goal's limit was the reason. Runs only on that refusal path,
    /// in the caller's transaction, so under SERIALIZABLE it sees what the insert saw.
    /// </summary>
    /// <exception cref="LimitExceededException">The goal exists: it is full.</exception>
    public static async Task<T?> NotFoundOrLimitExceededAsync<T>(DbSession session, Guid studentId, Guid goalId, StudentLimit limit, int maximum,
        CancellationToken ct) where T : class =>
        await session.QueryValueAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM goals WHERE student_id = @StudentId AND id = @GoalId)", new { StudentId = studentId, GoalId = goalId }, ct)
            ? throw new LimitExceededException(limit, maximum)
            : null;
}
