using Goals.Data.Jobs;
using Goals.Data.Transactions;
using static Goals.Api.UseCases.UseCaseErrors;

namespace Goals.Api.UseCases.Jobs;

/// <summary>Mutation <c>cancelJob</c>: one retried transaction; a running job stops at its next chunk.</summary>
public sealed class CancelJob(JobRepository jobs, TransactionRunner runner)
{
    /// <exception cref="global::Goals.GraphQL.GraphQLException">NOT_FOUND (field input.jobId).</exception>
    public async Task<JobResult> RunAsync(GoalsRequest request, Guid studentId, Guid jobId, CancellationToken ct)
    {
        var job = await runner.RunAsync(request.Session, (session, c) => jobs.CancelAsync(session, new JobKey(studentId, jobId), c), ct)
                  ?? throw NotFound("Job", jobId, "input.jobId");
        return new JobResult(job, false);
    }
}
