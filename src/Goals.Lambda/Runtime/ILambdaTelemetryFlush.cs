namespace Goals.Lambda.Runtime;

/// <summary>
/// Exports what an invocation recorded before the loop asks for the next one: Lambda freezes the process inside
/// <c>invocation/next</c>, so a background exporter would otherwise send late or never. Registered in DI; the loop
/// calls each after the invocation was answered (so the client does not wait for it).
/// </summary>
public interface ILambdaTelemetryFlush
{
    /// <param name="timeout">How long the flush may take.</param>
    void Flush(TimeSpan timeout);
}
