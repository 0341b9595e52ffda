using Goals.Data.Repositories;

namespace Goals.Api.UseCases.Tasks;

/// <summary>A task after a change; replayed when an idempotent create answered with its recorded result.</summary>
public sealed record TaskResult(GoalTaskRow Task, bool Replayed);
