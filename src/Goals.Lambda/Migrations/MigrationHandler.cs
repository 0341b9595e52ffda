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
public sealed class MigrationHandler(IServiceScopeFactory scopes, HttpClient responseClient, ILogger<MigrationHandler> logger) : ILambdaHandler
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

        var (status, reason) = ("SUCCESS", "Migrations applied.");
        try
        {
            if (request.RequestType is "Create" or "Update")
            {
                await MigrateAsync(cancellationToken);
            }
            else
            {
                reason = "Nothing to do: migrations are never rolled back by stack deletion.";
            }
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Database migration failed");
            (status, reason) = ("FAILED", $"Migration failed: {exception.Message} (see the function's log stream {invocation.RequestId}).");
        }

        var response = new CustomResourceResponse(status, reason, request.PhysicalResourceId ?? PhysicalResourceId, request.StackId, request.RequestId, request.LogicalResourceId);
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(response, MigrationJsonContext.Default.CustomResourceResponse));

        // The pre-signed S3 URL was signed without a Content-Type; sending one breaks the signature.
        using var put = await responseClient.PutAsync(new Uri(request.ResponseUrl), content, cancellationToken);
        put.EnsureSuccessStatusCode();
        return JsonSerializer.SerializeToUtf8Bytes(new MigrationResult(status, reason), MigrationJsonContext.Default.MigrationResult);
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IDatabaseMigrator>().MigrateAsync(cancellationToken);
    }
}
