using Goals.Data.Jobs;

namespace Goals.Api.UseCases.Jobs;

/// <summary>Query <c>job(id:)</c>: the student's job, or null.</summary>
public sealed class GetJob(JobRepository jobs)
{
    public Task<JobRecord?> RunAsync(GoalsRequest request, Guid studentId, Guid jobId, CancellationToken ct) =>
        jobs.GetAsync(request.Session, new JobKey(studentId, jobId), ct);
}
