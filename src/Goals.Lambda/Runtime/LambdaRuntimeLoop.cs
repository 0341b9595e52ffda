using Goals.Lambda.SnapStart;
using Microsoft.Extensions.Logging;

namespace Goals.Lambda.Runtime;

/// <summary>
/// The custom-runtime main loop: initialise once, then fetch → handle → answer, one invocation at a time.
/// </summary>
public sealed class LambdaRuntimeLoop(
    LambdaRuntimeClient client, LambdaRuntimeOptions options, ILogger logger, IReadOnlyList<ILambdaTelemetryFlush>? telemetryFlushes = null,
    LambdaSnapStart? snapStart = null)
{
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(2);

    public const int ExitCodeStopped = 0;
    public const int ExitCodeInitFailed = 1;
    public const int ExitCodeRuntimeApiFailed = 2;
    public const int ExitCodeHandlerOutlivedDeadline = 3;
    public const int ExitCodeRestoreFailed = 4;

    /// <returns>The process exit code.</returns>
    public async Task<int> RunAsync(Func<CancellationToken, Task<ILambdaHandler>> initialize, CancellationToken cancellationToken)
    {
        ILambdaHandler handler;
        try
        {
            handler = await initialize(cancellationToken);
            if (snapStart is not null)
            {
                await snapStart.PrepareSnapshotAsync(handler, cancellationToken);
            }
        }
        catch (Exception exception)
        {
            logger.LogCritical(exception, "Lambda initialisation failed");
            await TryReportInitErrorAsync(exception, cancellationToken);
            return ExitCodeInitFailed;
        }

        if (snapStart is not null && await RestoreAsync(snapStart, cancellationToken) is { } restoreExitCode)
        {
            return restoreExitCode;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            LambdaInvocation invocation;
            try
            {
                invocation = await client.GetNextInvocationAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                logger.LogCritical(exception, "Runtime API invocation/next failed; exiting so Lambda replaces this instance");
                return ExitCodeRuntimeApiFailed;
            }

            InvocationOutcome outcome;
            try
            {
                outcome = await ProcessInvocationAsync(handler, invocation, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            FlushTelemetry();
            if (outcome == InvocationOutcome.HandlerStillRunning)
            {
                // As Lambda's own timeout would: the orphan holds a connection and CPU that later invocations would
                // share, so this instance goes and Lambda starts a fresh one for the next event.
                logger.LogCritical("Invocation {RequestId} is still running after its deadline was answered; exiting so Lambda replaces this instance",
                    invocation.RequestId);
                return ExitCodeHandlerOutlivedDeadline;
            }
        }

        return ExitCodeStopped;
    }

    /// <returns>Whether the handler is still running (the loop answered for it at the deadline and it did not stop).</returns>
    public async Task<InvocationOutcome> ProcessInvocationAsync(ILambdaHandler handler, LambdaInvocation invocation, CancellationToken cancellationToken)
    {
        LambdaInvocationContext.Set(invocation); // request id and trace id on every log line of this invocation
        using var activity = XRayTraceContext.StartInvocationActivity(invocation);
        using var scope = logger.BeginScope("AwsRequestId:{AwsRequestId}", invocation.RequestId);
        var now = DateTimeOffset.UtcNow;
        using var handlerCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        handlerCancellation.CancelAfter(Until(invocation.Deadline - options.CancellationMargin, now));

        // Task.Run so that a handler that blocks synchronously cannot keep the loop from answering in time.
        var handlerTask = Task.Run(() => handler.HandleAsync(invocation, handlerCancellation.Token), CancellationToken.None);
        using var cutoffCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var cutoff = Task.Delay(Until(invocation.Deadline - options.ResponseMargin, now), cutoffCancellation.Token);
        var first = await Task.WhenAny(handlerTask, cutoff);
        await cutoffCancellation.CancelAsync();

        if (first == handlerTask)
        {
            await AnswerAsync(invocation, handlerTask, cancellationToken);
            return InvocationOutcome.Finished;
        }

        logger.LogError("Invocation {RequestId} did not finish before its deadline {Deadline:O}; answering as timed out", invocation.RequestId, invocation.Deadline);
        _ = handlerTask.ContinueWith(
            t => logger.LogWarning(t.Exception, "Timed-out invocation {RequestId} failed later", invocation.RequestId),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        if (handler is ILambdaTimeoutResponder responder)
        {
            await TryPostResponseAsync(invocation, responder.CreateTimeoutResponse(invocation), cancellationToken);
        }
        else
        {
            var error = new LambdaError($"Invocation did not finish before the deadline {invocation.Deadline:O}.", LambdaError.TimeoutErrorType, []);
            await TryPostErrorAsync(invocation, error, cancellationToken);
        }

        return handlerTask.IsCompleted ? InvocationOutcome.Finished : InvocationOutcome.HandlerStillRunning;
    }

    /// <returns>An exit code when the restore failed, else null.</returns>
    private async Task<int?> RestoreAsync(LambdaSnapStart restore, CancellationToken cancellationToken)
    {
        try
        {
            await client.RestoreNextAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogCritical(exception, "Runtime API restore/next failed; exiting so Lambda replaces this instance");
            return ExitCodeRuntimeApiFailed;
        }

        try
        {
            await restore.AfterRestoreAsync(cancellationToken);
            return null;
        }
        catch (Exception exception)
        {
            logger.LogCritical(exception, "SnapStart after-restore hook failed");
            try
            {
                await client.PostRestoreErrorAsync(LambdaError.FromException(exception), cancellationToken);
            }
            catch (Exception postException)
            {
                logger.LogError(postException, "Posting the restore error failed");
            }

            return ExitCodeRestoreFailed;
        }
    }

    private void FlushTelemetry()
    {
        foreach (var flush in telemetryFlushes ?? [])
        {
            try
            {
                flush.Flush(FlushTimeout);
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Flushing telemetry after an invocation failed");
            }
        }
    }

    private async Task AnswerAsync(LambdaInvocation invocation, Task<ReadOnlyMemory<byte>> handlerTask, CancellationToken cancellationToken)
    {
        ReadOnlyMemory<byte> payload;
        try
        {
            payload = await handlerTask;
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Invocation {RequestId} failed", invocation.RequestId);
            await TryPostErrorAsync(invocation, LambdaError.FromException(exception), cancellationToken);
            return;
        }

        await TryPostResponseAsync(invocation, payload, cancellationToken);
    }

    private async Task TryPostResponseAsync(LambdaInvocation invocation, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        try
        {
            await client.PostResponseAsync(invocation.RequestId, payload, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Typically 413: the payload is over Lambda's limit. Say so rather than leave the invocation hanging.
            logger.LogError(exception, "Posting the response of {RequestId} ({Bytes} bytes) failed", invocation.RequestId, payload.Length);
            await TryPostErrorAsync(invocation, LambdaError.FromException(exception), cancellationToken);
        }
    }

    private async Task TryPostErrorAsync(LambdaInvocation invocation, LambdaError error, CancellationToken cancellationToken)
    {
        try
        {
            await client.PostErrorAsync(invocation.RequestId, error, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(exception, "Posting the error of {RequestId} failed", invocation.RequestId);
        }
    }

    private async Task TryReportInitErrorAsync(Exception initException, CancellationToken cancellationToken)
    {
        try
        {
            await client.PostInitErrorAsync(LambdaError.FromException(initException), cancellationToken);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Posting the init error failed");
        }
    }

    private static TimeSpan Until(DateTimeOffset moment, DateTimeOffset now)
    {
        var remaining = moment - now;
        return remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : remaining;
    }
}
