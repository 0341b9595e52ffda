namespace LoadBench;

/// <summary>The three workloads of issue 10: their GraphQL texts, and the SQL of the ceilings (one statement that
/// returns the finished response body, in the order and shape the API answers).</summary>
public sealed record Workload(string Name, string Title, string GraphQL, string CeilingSql, bool NeedsGoal)
{
    private const string GoalFields = "id goalType title information complete dueAt color createdAt updatedAt tasks { id information complete } notes { id information }";

    private const string GoalJson = """
        json_build_object('id', g.id, 'goalType', g.goal_type, 'title', g.title, 'information', g.information,
          'complete', g.complete, 'dueAt', g.due_at, 'color', g.color, 'createdAt', g.created_at, 'updatedAt', g.updated_at,
          'tasks', (SELECT coalesce(json_agg(json_build_object('id', t.id, 'information', t.information, 'complete', t.complete) ORDER BY t.position, t.id), '[]'::json)
                    FROM goal_tasks t WHERE t.student_id = g.student_id AND t.goal_id = g.id),
          'notes', (SELECT coalesce(json_agg(json_build_object('id', n.id, 'information', n.information) ORDER BY n.created_at, n.id), '[]'::json)
                    FROM goal_notes n WHERE n.student_id = g.student_id AND n.goal_id = g.id))
        """;

    public static readonly Workload Dashboard = new("Q1", "Q1 dashboard (20 goals, tasks, notes)",
        $"query Dashboard {{ goals {{ {GoalFields} }} }}",
        $"SELECT json_build_object('data', json_build_object('goals', coalesce(json_agg({GoalJson} ORDER BY g.created_at DESC, g.id DESC), '[]'::json)))::text FROM goals g WHERE g.student_id = $1",
        NeedsGoal: false);

    public static readonly Workload OneGoal = new("Q2", "Q2 one goal (`goals(goalId:)`)",
        $"query OneGoal($goalId: UUID!) {{ goals(goalId: $goalId) {{ {GoalFields} }} }}",
        $"SELECT json_build_object('data', json_build_object('goals', coalesce(json_agg({GoalJson}), '[]'::json)))::text FROM goals g WHERE g.student_id = $1 AND g.id = $2",
        NeedsGoal: true);

    public static readonly Workload Titles = new("Q3", "Q3 titles only",
        "query Titles { goals { id title complete } }",
        "SELECT json_build_object('data', json_build_object('goals', coalesce(json_agg(json_build_object('id', g.id, 'title', g.title, 'complete', g.complete) ORDER BY g.created_at DESC, g.id DESC), '[]'::json)))::text FROM goals g WHERE g.student_id = $1",
        NeedsGoal: false);

    public static IReadOnlyList<Workload> All { get; } = [Dashboard, OneGoal, Titles];

    public static Workload ByOperation(string graphQL) =>
        All.FirstOrDefault(w => w.GraphQL == graphQL) ?? throw new ArgumentException("Not a benchmark workload.", nameof(graphQL));
}

/// <summary>One request of a workload: the student (and for Q2 one of the student's goals).</summary>
public readonly record struct BenchRequest(Guid Student, Guid Goal);
