namespace Goals.Lambda.SnapStart;

/// <summary>
/// Work around a SnapStart snapshot (registered in DI; run only when <c>AWS_LAMBDA_INITIALIZATION_TYPE=snap-start</c>).
/// Before: leave nothing in memory that cannot survive being copied (open sockets, e.g. pooled database connections).
/// After restore: re-create what the restore invalidated. A failure after restore is posted to <c>/runtime/restore/error</c>.
/// </summary>
public interface ILambdaSnapshotHook
{
    Task BeforeSnapshotAsync(CancellationToken cancellationToken);

    Task AfterRestoreAsync(CancellationToken cancellationToken);
}
