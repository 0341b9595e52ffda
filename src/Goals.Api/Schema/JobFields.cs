using System.Security.Cryptography;
using System.Text;
using Goals.Api.Configuration;
using Goals.Api.Jobs;
using Goals.Api.Jobs.Files;
using Goals.Api.Jobs.Kinds;
using Goals.Api.UseCases;
using Goals.Api.UseCases.Jobs;
using Goals.Data.Jobs;
using Goals.GraphQL.Execution;
using Goals.GraphQL.Types;
using static Goals.Api.Schema.Authorization;

namespace Goals.Api.Schema;

/// <summary>
/// The jobs contract: startExport / startImport / startErase / cancelJob / requestImportUpload, job(id:) and jobs: the
/// input checked and mapped to its use case in <c>UseCases/Jobs/</c> (resolved from the request's services, so the queue
/// and file clients are built on first use only), and the job types.
/// </summary>
internal static class JobFields
{
    public static void Bind(SchemaBuilder builder)
    {
        builder.BindField("Mutation", "startExport", Authorized(async (context, request, studentId) =>
        {
            var input = InputReader.Of(context);
            var format = (string)input.Raw("format")!;
            var payload = JobJson.Serialize(new ExportJob.Payload(format));
            return await StartAsync(context, request, studentId, input, JobKinds.Export, payload, "startExport", format);
        }));

        builder.BindField("Mutation", "startImport", Authorized(async (context, request, studentId) =>
        {
            var input = InputReader.Of(context);
            var format = (string)input.Raw("format")!;
            var content = input.Raw("content") as string;
            var uploadId = input.Raw("uploadId") as Guid?;
            var options = context.Services.GetRequiredService<JobsOptions>();
            if ((content is null) == (uploadId is null)) throw input.Invalid("content", "Give exactly one of input.content and input.uploadId.");
            if (content is { Length: 0 }) throw input.Invalid("content", "input.content must not be empty.");
            if (content?.Length > options.MaxInlineImportChars)
                throw input.Invalid("content", $"input.content has more than {options.MaxInlineImportChars} characters: upload the file with requestImportUpload.");
            if (uploadId is { } id)
            {
                await using var uploaded = await context.Services.GetRequiredService<IJobFileStore>()
                    .OpenReadAsync(JobFileKeys.Upload(studentId, id), context.CancellationToken);
                if (uploaded is null) throw input.Invalid("uploadId", "Nothing was uploaded for input.uploadId (or the upload expired).");
            }

            var payload = JobJson.Serialize(new ImportJob.Payload(format, content, uploadId));
            var contentHash = content is null ? null : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
            return await StartAsync(context, request, studentId, input, JobKinds.Import, payload, "startImport", format, contentHash, uploadId);
        }));

        builder.BindField("Mutation", "startErase", Authorized(async (context, request, studentId) =>
        {
            var input = InputReader.Of(context);
            if (input.Raw("confirm") as string != EraseJob.Confirmation)
                throw input.Invalid("confirm", $"input.confirm must be exactly \"{EraseJob.Confirmation}\".");
            return await StartAsync(context, request, studentId, input, JobKinds.Erase, "{}", "startErase");
        }));

        builder.BindField("Mutation", "cancelJob", Authorized(async (context, request, studentId) =>
            await context.Services.GetRequiredService<CancelJob>().RunAsync(request, studentId, InputReader.Of(context).Id("jobId"),
                context.CancellationToken)));

        builder.BindField("Mutation", "requestImportUpload", Authorized(async (context, _, studentId) =>
            await context.Services.GetRequiredService<RequestImportUpload>().RunAsync(studentId, context.CancellationToken)));

        builder.BindField("Query", "job", Authorized(async (context, request, studentId) =>
        {
            var jobId = context.Arguments.TryGetValue("id", out var raw) && raw is Guid g ? g : Guid.Empty;
            return await context.Services.GetRequiredService<GetJob>().RunAsync(request, studentId, jobId, context.CancellationToken);
        }));

        builder.BindField("Query", "jobs", Authorized(async (context, request, studentId) =>
        {
            var first = context.Arguments.TryGetValue("first", out var f) && f is int n ? n : 20;
            if (first is < 1 or > 100) throw InputReader.Validation("first", "first must be between 1 and 100.");
            var after = context.Arguments.TryGetValue("after", out var a) ? a as string : null;
            return await context.Services.GetRequiredService<ListJobs>().RunAsync(request, studentId, first, after, context.CancellationToken);
        }));

        BindTypes(builder);
    }

    /// <summary>Job use cases come from the request's services: their queue and file clients are built on first use only.</summary>
    private static async Task<object?> StartAsync(IResolverContext context, GoalsRequest request, Guid studentId, InputReader input,
        string kind, string payload, string operation, params object?[] fingerprinted) =>
        await context.Services.GetRequiredService<StartJob>().RunAsync(request, studentId,
            new StartJob.Input(input.IdempotencyKey("idempotencyKey"), kind, payload, operation, fingerprinted), context.CancellationToken);

    private static void BindTypes(SchemaBuilder builder)
    {
        builder.BindType<JobResult>("JobPayload", b => b
            .Field("job", p => p.Job)
            .Field("replayed", p => p.Replayed));

        builder.BindType<JobRecord>("Job", b => b
            .Field("id", j => j.Id)
            .Field("kind", j => j.Kind)
            .Field("status", j => j.Status)
            .Field("progress", j => j)
            .Field("attempts", j => j.Attempts)
            .Field("createdAt", j => j.CreatedAt)
            .Field("startedAt", j => j.StartedAt)
            .Field("finishedAt", j => j.FinishedAt)
            .Field("error", j => j.ErrorCode is null ? null : j)
            .Field("download", DownloadAsync)
            .Field("importReport", j => j.Kind == JobKinds.Import && j.Status == JobStatus.Succeeded && j.Result is { } r
                ? JobJson.Deserialize<ImportReport>(r)
                : null));

        builder.BindType<JobRecord>("JobProgress", b => b
            .Field("done", j => (double)j.ProgressDone)
            .Field("total", j => (double?)j.ProgressTotal));

        builder.BindType<JobRecord>("JobError", b => b
            .Field("code", j => j.ErrorCode)
            .Field("message", j => j.ErrorMessage ?? ""));

        builder.BindType<GetJobDownload.Download>("JobDownload", b => b
            .Field("url", d => d.Url)
            .Field("expiresAt", d => d.ExpiresAt)
            .Field("format", d => d.Format));

        builder.BindType<ImportReport>("ImportReport", b => b
            .Field("imported", r => (int)Math.Min(int.MaxValue, r.Imported))
            .Field("alreadyPresent", r => (int)Math.Min(int.MaxValue, r.AlreadyPresent))
            .Field("rejected", r => (int)Math.Min(int.MaxValue, r.Rejected))
            .Field("rows", r => r.Rows));

        builder.BindType<ImportReport.RejectedRow>("ImportRowError", b => b
            .Field("line", r => r.Line)
            .Field("message", r => r.Message));

        builder.BindType<ListJobs.Page>("JobConnection", b => b
            .Field("edges", p => p.Edges)
            .Field("pageInfo", p => p));

        builder.BindType<ListJobs.Page>("JobPageInfo", b => b
            .Field("hasNextPage", p => p.HasNextPage)
            .Field("endCursor", p => p.Edges.Count == 0 ? null : p.Edges[^1].Cursor));

        builder.BindType<ListJobs.Edge>("JobEdge", b => b
            .Field("cursor", e => e.Cursor)
            .Field("node", e => e.Node));

        builder.BindType<RequestImportUpload.Upload>("ImportUpload", b => b
            .Field("uploadId", u => u.UploadId)
            .Field("url", u => u.Url)
            .Field("method", _ => "PUT")
            .Field("expiresAt", u => u.ExpiresAt));
    }

    private static async ValueTask<object?> DownloadAsync(JobRecord job, IResolverContext context) =>
        await context.Services.GetRequiredService<GetJobDownload>().RunAsync(job, context.CancellationToken);
}
