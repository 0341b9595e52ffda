namespace Goals.Lambda.Hosting;

/// <summary>The values a function's <c>Handler</c> (env <c>_HANDLER</c>) may take.</summary>
public static class LambdaHandlerNames
{
    /// <summary>API Gateway proxy events → the ASP.NET Core app on <c>LambdaServer</c>.</summary>
    public const string Api = "api";

    /// <summary>SQS batches → <c>ISqsRecordHandler</c> per record.</summary>
    public const string Worker = "worker";

    /// <summary>Deploy-time database migrations (CloudFormation custom resource or direct invoke).</summary>
    public const string Migrate = "migrate";

    /// <summary>A schedule (EventBridge) → <c>IScheduledTask</c> (the jobs sweeper).</summary>
    public const string Sweeper = "sweeper";

    public static IReadOnlyList<string> All { get; } = [Api, Worker, Migrate, Sweeper];
}
