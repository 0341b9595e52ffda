using Goals.Lambda.Runtime;
using Microsoft.Extensions.Logging;

namespace Goals.Lambda.SnapStart;

/// <summary>
/// SnapStart's part of init, as Amazon.Lambda.RuntimeSupport does it: warm-up invocations and before-snapshot hooks,
/// then <c>GET /runtime/restore/next</c> (returns once this snapshot is restored in a new environment), then the
/// after-restore hooks. SnapStart exists for the managed runtimes only (dotnet8+), not for <c>provided.*</c>.
/// </summary>
public sealed class LambdaSnapStart(IReadOnlyList<ILambdaSnapshotHook> hooks, LambdaSnapStartOptions? options, ILogger logger)
{
    public const string InitializationTypeVariable = "AWS_LAMBDA_INITIALIZATION_TYPE";
    public const string SnapStartInitializationType = "snap-start";

    public static bool IsSnapStart => Environment.GetEnvironmentVariable(InitializationTypeVariable) == SnapStartInitializationType;

    /// <summary>Init side: runs before the snapshot; a failure here is an init failure.</summary>
    public async Task PrepareSnapshotAsync(ILambdaHandler handler, CancellationToken cancellationToken)
    {
        var warmUps = 0;
        foreach (var evt in options?.WarmUpEvents ?? [])
        {
            for (var round = 0; round < (options?.WarmUpRounds ?? 0); round++)
            {
                var invocation = new LambdaInvocation($"snapstart-warm-up-{++warmUps}", DateTimeOffset.UtcNow.AddSeconds(30), null, null, evt);
                await handler.HandleAsync(invocation, cancellationToken);
            }
        }

        foreach (var hook in hooks)
        {
            await hook.BeforeSnapshotAsync(cancellationToken);
        }

        logger.LogInformation("SnapStart: {WarmUps} warm-up invocations and {Hooks} before-snapshot hooks done; waiting for restore", warmUps, hooks.Count);
    }

    /// <summary>Restore side: runs in the restored environment, before the first invocation.</summary>
    public async Task AfterRestoreAsync(CancellationToken cancellationToken)
    {
        foreach (var hook in hooks)
        {
            await hook.AfterRestoreAsync(cancellationToken);
        }

        logger.LogInformation("SnapStart: restored; {Hooks} after-restore hooks done", hooks.Count);
    }
}
