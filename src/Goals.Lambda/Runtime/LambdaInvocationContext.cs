namespace Goals.Lambda.Runtime;

/// <summary>The invocation the current async flow is serving (set by the loop; flows into the handler and its tasks).</summary>
public static class LambdaInvocationContext
{
    private static readonly AsyncLocal<LambdaInvocation?> CurrentInvocation = new();

    public static LambdaInvocation? Current => CurrentInvocation.Value;

    internal static void Set(LambdaInvocation? invocation) => CurrentInvocation.Value = invocation;
}
