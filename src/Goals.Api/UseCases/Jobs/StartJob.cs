using Goals.Api.Jobs;
using Goals.Api.UseCases.Idempotency;
using Goals.Data.Jobs;
using Goals.Data.Transactions;
using static Goals.Api.UseCases.UseCaseErrors;

namespace Goals.Api.UseCases.Jobs;

/// <summary>
/// Mutations <c>startExport</c> / <c>startImport</c> / <c>startErase</c>, storage-first: the job row commits with its
/// idempotency key in one transaction, then the message is published. A failed publish leaves the job queued and
/// unpublished for the sweeper, so the student always gets the job at once.
/// </summary>
public sealed class StartJob(JobRepository jobs, IdempotentCreates idempotent, IJobPublisher publisher, TransactionRunner runner,
    ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger("Goals.Api.Jobs");

    /// <param name="Operation">The mutation, e.g. startExport: with <paramref name="Fingerprinted"/>, what the key's fingerprint is of.</param>
    /// <param name="Payload">The job's payload JSON.</param>
    public sealed record Input(string? IdempotencyKey, string Kind, string Payload, string Operation, params IReadOnlyList<object?> Fingerprinted);

    /// <exception cref="global::Goals.GraphQL.GraphQLException">CONFLICT: the key was used with another input.</exception>
    public async Task<JobResult> RunAsync(GoalsRequest request, Guid studentId, Input input, CancellationToken ct)
    {
        IdempotencyKey? key = input.IdempotencyKey is { } k ? new(k, InputFingerprint.Of(input.Operation, input.Fingerprinted)) : null;
        var session = request.Session;
        var (job, replayed) = await idempotent.RunAsync(session, studentId, key,
            async (previous, c) => new JobResult(await jobs.GetAsync(session, new JobKey(studentId, previous), c) ?? throw NotFound("Job", previous), true),
            async c => new JobResult(await jobs.CreateAsync(session, studentId, input.Kind, input.Payload, c), false),
            r => r.Job.Id, ct);

        // After the commit: publish. A failure is the sweeper's to repair; the student has the job either way.
        if (!job.Published && !job.IsFinished
            && await JobStarter.TryPublishAsync(publisher, runner, jobs, new JobKey(studentId, job.Id), _logger, ct))
        {
            job = job with { Published = true };
        }

        return new JobResult(job, replayed);
    }
}
