namespace Goals.Api.Cli;

/// <summary>`worker`: the local in-process job drain. Jobs (exports, imports, bulk changes) arrive in a later issue;
/// until then this verb only says so and exits successfully.</summary>
internal static class WorkerCommand
{
    public static int Run()
    {
        Console.Error.WriteLine("worker: no job kinds exist yet (they arrive in a later issue); nothing to drain.");
        return 0;
    }
}
