namespace Goals.Lambda.Runtime;

/// <summary>What is left of an invocation once it has been answered.</summary>
public enum InvocationOutcome
{
    /// <summary>The handler returned or threw (before or after the loop answered for it).</summary>
    Finished,

    /// <summary>The loop answered at the deadline and the handler is still running.</summary>
    HandlerStillRunning,
}
