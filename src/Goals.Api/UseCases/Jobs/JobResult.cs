using Goals.Data.Jobs;

namespace Goals.Api.UseCases.Jobs;

/// <summary>A job after a start or cancel; replayed when an idempotent start answered with its recorded job.</summary>
public sealed record JobResult(JobRecord Job, bool Replayed);
