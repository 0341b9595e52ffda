using System.Text.Json;
using Goals.Lambda.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Goals.Lambda.Migrations;

/// <summary>
/// The <c>migrate</c> handler. As a CloudFormation custom resource (<c>Custom::Migrations</c>) it migrates on
/// Create/Update, ignores Delete, and PUTs SUCCESS/FAILED to the pre-signed ResponseURL so a failed
/// migration rolls the deployment back. Invoked directly (no ResponseURL, e.g. <c>aws lambda invoke</c>)
/// it migrates and returns <c>{"Status":"SUCCESS"}</c> or throws.
/// </summary>
/// <remarks>
/// CloudFormation invokes asynchronously, so Lambda may run the same request twice (a retry after a function error,
/// or a duplicate delivery), even at the same time. That is safe: the migration runner serialises runners on its
/// lock and skips what is applied, and CloudFormation keeps the first response for a RequestId.
/// </remarks>
public sealed class MigrationHandler(
    IServiceScopeFactory scopes, HttpClient responseClient, MigrationHandlerOptions options, ILogger<MigrationHandler> logger) : ILambdaHandler
{
    public const string PhysicalResourceId = "goals-database-migrations";

    public async Task<ReadOnlyMemory<byte>> HandleAsync(LambdaInvocation invocation, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Deserialize(Utf8Bom.Strip(invocation.Event).Span, MigrationJsonContext.Default.CustomResourceRequest)
            ?? new CustomResourceRequest();
        if (request.ResponseUrl is null)
        {
            await MigrateAsync(cancellationToken);
            return JsonSerializer.SerializeToUtf8Bytes(new MigrationResult("SUCCESS", null), MigrationJsonContext.Default.MigrationResult);
        }

        var (status, reason) = await RunRequestAsync(request, invocation, cancellationToken);
        var response = new CustomResourceResponse(status, reason, request.PhysicalResourceId ?? PhysicalResourceId, request.StackId, request.RequestId, request.LogicalResourceId);
        using var content = new ByteArrayContent(CustomResourceReason.SerializeWithinLimit(response));

        // A fresh, short timeout: the invocation token may already be cancelled (that is when FAILED matters most).
        // The pre-signed S3 URL was signed without a Content-Type; sending one breaks the signature.
        using var putTimeout = new CancellationTokenSource(options.PutTimeout);
        using var put = await responseClient.PutAsync(new Uri(request.ResponseUrl), content, putTimeout.Token);
        put.EnsureSuccessStatusCode();
        logger.LogInformation("Reported {Status} to CloudFormation for request {CloudFormationRequestId}", status, request.RequestId);
        return JsonSerializer.SerializeToUtf8Bytes(new MigrationResult(status, reason), MigrationJsonContext.Default.MigrationResult);
    }

    private async Task<(string Status, string Reason)> RunRequestAsync(CustomResourceRequest request, LambdaInvocation invocation, CancellationToken cancellationToken)
    {
        if (request.RequestType is not ("Create" or "Update"))
        {
            return ("SUCCESS", "Nothing to do: migrations are never rolled back by stack deletion.");
        }

        using var migrationDeadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        migrationDeadline.CancelAfter(Until(invocation.Deadline - options.ResponseReserve));
        try
        {
            await MigrateAsync(migrationDeadline.Token);
            return ("SUCCESS", "Migrations applied.");
        }
        catch (OperationCanceledException) when (migrationDeadline.IsCancellationRequested)
        {
            logger.LogError("Database migration did not finish before the function's deadline {Deadline:O}", invocation.Deadline);
            return ("FAILED", $"Migrations did not finish before the function's deadline (log stream request {invocation.RequestId}). " +
                "The statement in progress was cancelled; finished migrations stay recorded and are skipped on the next run.");
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Database migration failed");
            return ("FAILED", $"Migration failed (log stream request {invocation.RequestId}): {exception.Message}");
        }
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IDatabaseMigrator>().MigrateAsync(cancellationToken);
    }

    private static TimeSpan Until(DateTimeOffset moment)
    {
        var remaining = moment - DateTimeOffset.UtcNow;
        return remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : remaining;
    }
}
