using Goals.Api.Configuration;
using Goals.Api.Jobs.Files;
using Goals.Data.Jobs;

namespace Goals.Api.Jobs.Kinds;

/// <summary>
/// Erases everything the student owns: notes, tasks, goals and idempotency keys in small transactions of
/// Jobs:ChunkRows rows each (CockroachDB handles many small deletes far better than one huge one), then the finished
/// jobs and the exported/uploaded files. Every step is repeatable, so a rerun simply continues; progress counts rows.
/// </summary>
public sealed class EraseJob(StudentDataRepository data, JobRepository jobs, IJobFileStore files, JobsOptions options) : IJobKind
{
    public const string Confirmation = "ERASE ALL MY DATA";

    public string Kind => JobKinds.Erase;

    public sealed record Checkpoint(long Deleted, long Total);

    public sealed record Result(long DeletedRows, int DeletedJobs, int DeletedFiles);

    public async Task<string?> RunAsync(JobExecution execution, CancellationToken ct)
    {
        var studentId = execution.StudentId;
        var previous = execution.Checkpoint is { } text ? JobJson.Deserialize<Checkpoint>(text) : null;
        var deleted = previous?.Deleted ?? 0;
        var total = previous?.Total ?? await data.CountErasableAsync(execution.Session, studentId, ct);
        execution.ReportProgress(deleted, total);
        foreach (var (table, _) in StudentDataRepository.ErasedTables)
        {
            while (true)
            {
                var count = await execution.RunChunkAsync((session, c) => data.DeleteChunkAsync(session, studentId, table, options.ChunkRows, c),
                    n => JobJson.Serialize(new Checkpoint(deleted + n, Math.Max(total, deleted + n))),
                    new JobProgress(deleted, total), ct);
                deleted += count;
                total = Math.Max(total, deleted);
                execution.ReportProgress(deleted, total);
                if (count < options.ChunkRows) break;
            }
        }

        var deletedJobs = await execution.RunChunkAsync((session, c) => jobs.DeleteFinishedAsync(session, studentId, execution.Job.Id, c),
            _ => JobJson.Serialize(new Checkpoint(deleted, total)), new JobProgress(deleted, total), ct);
        var deletedFiles = 0;
        foreach (var prefix in JobFileKeys.OfStudent(studentId)) deletedFiles += await files.DeletePrefixAsync(prefix, ct);
        return JobJson.Serialize(new Result(deleted, deletedJobs, deletedFiles));
    }
}
