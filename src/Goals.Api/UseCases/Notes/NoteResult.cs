using Goals.Data.Repositories;

namespace Goals.Api.UseCases.Notes;

/// <summary>A note after a change; replayed when an idempotent create answered with its recorded result.</summary>
public sealed record NoteResult(GoalNoteRow Note, bool Replayed);
