using System.CommandLine;
using System.Diagnostics;
using Goals.Api.Cli;
using Npgsql;

namespace Goals.Local.Cli;

/// <summary>
/// `seed --students N --goals G --tasks T --notes K [--out file]`: deterministic load-test data, inserted set-based
/// (INSERT ... SELECT FROM generate_series, which CockroachDB has too) in three statements. Ids derive from md5 of
/// fixed strings, so re-running inserts nothing new (ON CONFLICT DO NOTHING). Prints the student ids (one a line)
/// on stdout, or writes them to --out.
/// </summary>
internal static class SeedCommand
{
    public static Command Create(IReadOnlyList<string> overrides)
    {
        var students = CommandLineHost.RangedOption("--students", "Students", 10, 1, 1_000_000);
        var goals = CommandLineHost.RangedOption("--goals", "Goals per student", 10, 0, 10_000);
        var tasks = CommandLineHost.RangedOption("--tasks", "Tasks per goal", 3, 0, 1_000);
        var notes = CommandLineHost.RangedOption("--notes", "Notes per goal", 2, 0, 1_000);
        var output = new Option<FileInfo>("--out") { Description = "Write the student ids to this file (default: stdout)", HelpName = "file" };
        var command = new Command("seed", "Insert deterministic load-test data (set-based, idempotent); prints the student ids")
        {
            students, goals, tasks, notes, output,
        };
        command.SetAction((parsed, ct) => RunAsync(overrides, parsed.GetValue(students), parsed.GetValue(goals), parsed.GetValue(tasks),
            parsed.GetValue(notes), parsed.GetValue(output), ct));
        return command;
    }

    private static async Task<int> RunAsync(IReadOnlyList<string> overrides, int students, int goals, int tasks, int notes, FileInfo? output,
        CancellationToken ct)
    {
        var configuration = CommandLineHost.LoadConfiguration(CommandLineHost.LocalEnvironment(), overrides);
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter((_, level) => level >= LogLevel.Warning));
        await using var database = await LocalDatabase.OpenAsync(configuration, loggers, prepareEmbedded: true, ct);
        var ids = await SeedAsync(database.ConnectionString, students, goals, tasks, notes, ct);
        if (output is not null) await File.WriteAllLinesAsync(output.FullName, ids.Select(id => id.ToString("D")), ct);
        else foreach (var id in ids) await Console.Out.WriteLineAsync(id.ToString("D"));
        return 0;
    }

    /// <param name="firstStudent">Number of the first student (students are numbered firstStudent..firstStudent+students-1).</param>
    public static async Task<IReadOnlyList<Guid>> SeedAsync(string connectionString, int students, int goals, int tasks, int notes,
        CancellationToken ct, int firstStudent = 1)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var batch = dataSource.CreateBatch();
        void Add(string sql)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter("first", firstStudent));
            command.Parameters.Add(new NpgsqlParameter("last", firstStudent + students - 1));
            command.Parameters.Add(new NpgsqlParameter("goals", goals));
            command.Parameters.Add(new NpgsqlParameter("tasks", tasks));
            command.Parameters.Add(new NpgsqlParameter("notes", notes));
            batch.BatchCommands.Add(command);
        }

        const string studentId = "md5('goals-seed-student-' || s::TEXT)::UUID";
        const string goalId = "md5('goals-seed-goal-' || s::TEXT || '-' || g::TEXT)::UUID";
        Add($"""
             INSERT INTO goals (student_id, id, goal_type, title, information, complete, due_at, color, created_at, updated_at)
             SELECT {studentId}, {goalId},
                    (ARRAY['DEVELOPING_ME','HEALTH_AND_WELLBEING','ACADEMIC','EXTRA_CURRICULAR','CAREER'])[1 + g % 5],
                    'Goal ' || g::TEXT, 'Seeded goal ' || g::TEXT || ' of student ' || s::TEXT, g % 4 = 0,
                    CASE WHEN g % 2 = 0 THEN TIMESTAMPTZ '2027-01-01 00:00:00+00' + g * INTERVAL '1 day' END,
                    CASE WHEN g % 3 = 0 THEN '#1E90FF' END,
                    TIMESTAMPTZ '2026-01-01 00:00:00+00' + g * INTERVAL '1 minute',
                    TIMESTAMPTZ '2026-01-01 00:00:00+00' + g * INTERVAL '1 minute'
             FROM generate_series(@first, @last) AS s, generate_series(1, @goals) AS g
             ON CONFLICT DO NOTHING
             """);
        Add($"""
             INSERT INTO goal_tasks (student_id, id, goal_id, information, complete, position, created_at, updated_at)
             SELECT {studentId}, md5('goals-seed-task-' || s::TEXT || '-' || g::TEXT || '-' || t::TEXT)::UUID, {goalId},
                    'Task ' || t::TEXT, t % 2 = 0, (t - 1)::INT4,
                    TIMESTAMPTZ '2026-01-02 00:00:00+00' + t * INTERVAL '1 second',
                    TIMESTAMPTZ '2026-01-02 00:00:00+00' + t * INTERVAL '1 second'
             FROM generate_series(@first, @last) AS s, generate_series(1, @goals) AS g, generate_series(1, @tasks) AS t
             ON CONFLICT DO NOTHING
             """);
        Add($"""
             INSERT INTO goal_notes (student_id, id, goal_id, information, created_at, updated_at)
             SELECT {studentId}, md5('goals-seed-note-' || s::TEXT || '-' || g::TEXT || '-' || n::TEXT)::UUID, {goalId},
                    'Note ' || n::TEXT,
                    TIMESTAMPTZ '2026-01-03 00:00:00+00' + n * INTERVAL '1 second',
                    TIMESTAMPTZ '2026-01-03 00:00:00+00' + n * INTERVAL '1 second'
             FROM generate_series(@first, @last) AS s, generate_series(1, @goals) AS g, generate_series(1, @notes) AS n
             ON CONFLICT DO NOTHING
             """);
        await batch.ExecuteNonQueryAsync(ct);
        Console.Error.WriteLine($"seed: {students} students x {goals} goals x ({tasks} tasks + {notes} notes) in {stopwatch.ElapsedMilliseconds} ms");
        return Enumerable.Range(firstStudent, students).Select(StudentIdOf).ToList();
    }

    /// <summary>The seeded id of student s (md5 of "goals-seed-student-{s}" read as a UUID, as the SQL does).</summary>
    public static Guid StudentIdOf(int s)
    {
#pragma warning disable CA5351 // MD5 derives deterministic ids here (as the SQL does), not a security property.
        var hash = System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes($"goals-seed-student-{s}"));
#pragma warning restore CA5351
        return Guid.ParseExact(Convert.ToHexString(hash).ToLowerInvariant(), "N");
    }
}
