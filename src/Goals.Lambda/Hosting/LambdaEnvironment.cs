namespace Goals.Lambda.Hosting;

/// <summary>What the Lambda execution environment tells the process through environment variables.</summary>
public static class LambdaEnvironment
{
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";
    public const string HandlerVariable = "_HANDLER";

    /// <summary>True inside Lambda (the Runtime API address is set); use it to choose Lambda hosting over Kestrel.</summary>
    public static bool IsLambda => !string.IsNullOrEmpty(RuntimeApi);

    public static string? RuntimeApi => Environment.GetEnvironmentVariable(RuntimeApiVariable);

    /// <summary>The function's <c>Handler</c> setting: one of <see cref="LambdaHandlerNames"/>.</summary>
    public static string? HandlerName => Environment.GetEnvironmentVariable(HandlerVariable);
}
