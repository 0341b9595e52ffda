using Npgsql;

namespace Goals.Local.Cli;

/// <summary>
/// Demo data of the local run: three goals with tasks and notes for the demo student
/// <see cref="StudentId"/> (`token` mints a token for this student by default). Inserted once; fixed ids.
/// </summary>
public static class DemoData
{
    public static readonly Guid StudentId = Guid.Parse("11111111-1111-4111-8111-111111111111");

    public static async Task EnsureAsync(string connectionString, ILogger logger, CancellationToken ct)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO goals (student_id, id, goal_type, title, information, complete, due_at, color, created_at, updated_at)
            VALUES
              (@s, '22222222-0000-4000-8000-000000000001', 'ACADEMIC', 'Finish the maths coursework', 'Chapters 4 to 6, with the practice papers.', false, '2026-12-18T16:00:00Z', '#3B82F6', '2026-09-01T08:00:00Z', '2026-09-01T08:00:00Z'),
              (@s, '22222222-0000-4000-8000-000000000002', 'HEALTH_AND_WELLBEING', 'Run a 5k', 'Three runs a week.', false, NULL, '#10B981', '2026-09-02T08:00:00Z', '2026-09-02T08:00:00Z'),
              (@s, '22222222-0000-4000-8000-000000000003', 'CAREER', 'Apply for a summer placement', '', true, '2026-11-30T12:00:00Z', NULL, '2026-09-03T08:00:00Z', '2026-09-03T08:00:00Z')
            ON CONFLICT DO NOTHING;
            INSERT INTO goal_tasks (student_id, id, goal_id, information, complete, position, created_at, updated_at)
            VALUES
              (@s, '33333333-0000-4000-8000-000000000001', '22222222-0000-4000-8000-000000000001', 'Chapter 4 exercises', true, 0, '2026-09-01T08:05:00Z', '2026-09-01T08:05:00Z'),
              (@s, '33333333-0000-4000-8000-000000000002', '22222222-0000-4000-8000-000000000001', 'Chapter 5 exercises', false, 1, '2026-09-01T08:06:00Z', '2026-09-01T08:06:00Z'),
              (@s, '33333333-0000-4000-8000-000000000003', '22222222-0000-4000-8000-000000000002', 'Buy running shoes', true, 0, '2026-09-02T08:05:00Z', '2026-09-02T08:05:00Z'),
              (@s, '33333333-0000-4000-8000-000000000004', '22222222-0000-4000-8000-000000000003', 'Update my CV', true, 0, '2026-09-03T08:05:00Z', '2026-09-03T08:05:00Z')
            ON CONFLICT DO NOTHING;
            INSERT INTO goal_notes (student_id, id, goal_id, information, created_at, updated_at)
            VALUES
              (@s, '44444444-0000-4000-8000-000000000001', '22222222-0000-4000-8000-000000000001', 'Ask about the deadline extension.', '2026-09-01T09:00:00Z', '2026-09-01T09:00:00Z'),
              (@s, '44444444-0000-4000-8000-000000000002', '22222222-0000-4000-8000-000000000002', 'Couch to 5k plan, week 3.', '2026-09-02T09:00:00Z', '2026-09-02T09:00:00Z')
            ON CONFLICT DO NOTHING;
            """);
        command.Parameters.AddWithValue("s", StudentId);
        await command.ExecuteNonQueryAsync(ct);
        logger.LogInformation("Demo data ready for student {StudentId}", StudentId);
    }
}
