using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Goals.Api.Configuration;
using Goals.Api.Jobs;
using Goals.Api.Jobs.Files;
using Goals.Api.Jobs.Kinds;
using Goals.Data.Jobs;
using Goals.Data.Transactions;
using Goals.GraphQL.Execution;
using Goals.GraphQL.Types;
using static Goals.Api.Schema.GoalsSchema;

namespace Goals.Api.Schema;

/// <summary>
/// The jobs contract: startExport / startImport / startErase / cancelJob / requestImportUpload, job(id:) and jobs.
/// Storage-first: the job row (with its idempotency key) commits, then the message is published; a failed publish
/// leaves the job queued and unpublished for the sweeper, so the student always gets the job at once.
/// </summary>
internal static class JobFields
{
    internal sealed record JobPayload(JobRecord Job, bool Replayed);

    internal sealed record JobEdge(string Cursor, JobRecord Node);

    internal sealed record JobPage(IReadOnlyList<JobEdge> Edges, bool HasNextPage);

    internal sealed record Upload(Guid UploadId, string Url, DateTimeOffset ExpiresAt);

    internal sealed record Download(string Url, DateTimeOffset ExpiresAt, string Format);

    public static void Bind(SchemaBuilder builder)
    {
        builder.BindField("Mutation", "startExport", Authorized(async (context, request, studentId) =>
        {
            var input = InputReader.Of(context);
            var format = (string)input.Raw("format")!;
            var payload = JsonSerializer.Serialize(new ExportJob.Payload(format), JobJsonOptions);
            return await StartAsync(context, request, studentId, input, JobKinds.Export, payload, Fingerprint("startExport", format));
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

            var payload = JsonSerializer.Serialize(new ImportJob.Payload(format, content, uploadId), JobJsonOptions);
            var contentHash = content is null ? null : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
            return await StartAsync(context, request, studentId, input, JobKinds.Import, payload, Fingerprint("startImport", format, contentHash, uploadId));
        }));

        builder.BindField("Mutation", "startErase", Authorized(async (context, request, studentId) =>
        {
            var input = InputReader.Of(context);
            if (input.Raw("confirm") as string != EraseJob.Confirmation)
                throw input.Invalid("confirm", $"input.confirm must be exactly \"{EraseJob.Confirmation}\".");
            return await StartAsync(context, request, studentId, input, JobKinds.Erase, "{}", Fingerprint("startErase"));
        }));

        builder.BindField("Mutation", "cancelJob", Authorized(async (context, request, studentId) =>
        {
            var input = InputReader.Of(context);
            var jobId = input.Id("jobId");
            var jobs = context.Services.GetRequiredService<JobRepository>();
            var job = await request.Store.InTransactionAsync(ct => jobs.CancelAsync(request.Store.Session, new JobKey(studentId, jobId), ct),
                          context.CancellationToken)
                      ?? throw NotFound("Job", jobId, input.Field("jobId"));
            return new JobPayload(job, false);
        }));

        builder.BindField("Mutation", "requestImportUpload", Authorized(async (context, _, studentId) =>
        {
            var options = context.Services.GetRequiredService<JobsOptions>();
            var uploadId = Guid.NewGuid();
            var expires = DateTimeOffset.UtcNow.AddMinutes(options.LinkMinutes);
            var url = await context.Services.GetRequiredService<IJobFileStore>()
                .UploadUrlAsync(JobFileKeys.Upload(studentId, uploadId), expires, context.CancellationToken);
            return new Upload(uploadId, url, expires);
        }));

        builder.BindField("Query", "job", Authorized(async (context, request, studentId) =>
        {
            var jobId = context.Arguments.TryGetValue("id", out var raw) && raw is Guid g ? g : Guid.Empty;
            return await context.Services.GetRequiredService<JobRepository>()
                .GetAsync(request.Store.Session, new JobKey(studentId, jobId), context.CancellationToken);
        }));

        builder.BindField("Query", "jobs", Authorized(async (context, request, studentId) =>
        {
            var first = context.Arguments.TryGetValue("first", out var f) && f is int n ? n : 20;
            if (first is < 1 or > 100) throw InputReader.Validation("first", "first must be between 1 and 100.");
            var after = context.Arguments.TryGetValue("after", out var a) && a is string cursor ? DecodeCursor(cursor) : null;
            var rows = await context.Services.GetRequiredService<JobRepository>()
                .ListAsync(request.Store.Session, studentId, first + 1, after, context.CancellationToken);
            return new JobPage(rows.Take(first).Select(j => new JobEdge(EncodeCursor(j), j)).ToList(), rows.Count > first);
        }));

        BindTypes(builder);
    }

    private static async Task<object?> StartAsync(IResolverContext context, GoalsRequestContext request, Guid studentId, InputReader input,
        string kind, string payload, string fingerprint)
    {
        var key = input.IdempotencyKey("idempotencyKey");
        var store = request.Store;
        var jobs = context.Services.GetRequiredService<JobRepository>();
        var (job, replayed) = await store.InTransactionAsync(async ct =>
        {
            if (await ReplayedIdAsync(store, studentId, key, fingerprint, input.Field("idempotencyKey"), ct) is { } previous)
            {
                return (await jobs.GetAsync(store.Session, new JobKey(studentId, previous), ct) ?? throw NotFound("Job", previous), true);
            }

            var created = await jobs.CreateAsync(store.Session, studentId, kind, payload, ct);
            if (key is not null) await store.RecordIdempotencyKeyAsync(studentId, key, fingerprint, created.Id, ct);
            return (created, false);
        }, context.CancellationToken);

        // After the commit: publish. A failure is the sweeper's to repair; the student has the job either way.
        if (!job.Published && !job.IsFinished)
        {
            var logger = context.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Goals.Api.Jobs");
            if (await JobStarter.TryPublishAsync(context.Services.GetRequiredService<IJobPublisher>(), context.Services.GetRequiredService<TransactionRunner>(),
                    jobs, new JobKey(studentId, job.Id), logger, context.CancellationToken))
            {
                job = job with { Published = true };
            }
        }

        return new JobPayload(job, replayed);
    }

    private static void BindTypes(SchemaBuilder builder)
    {
        builder.BindType<JobPayload>("JobPayload", b => b
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
                ? JsonSerializer.Deserialize<ImportReport>(r, JobJsonOptions)
                : null));

        builder.BindType<JobRecord>("JobProgress", b => b
            .Field("done", j => (double)j.ProgressDone)
            .Field("total", j => (double?)j.ProgressTotal));

        builder.BindType<JobRecord>("JobError", b => b
            .Field("code", j => j.ErrorCode)
            .Field("message", j => j.ErrorMessage ?? ""));

        builder.BindType<Download>("JobDownload", b => b
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

        builder.BindType<JobPage>("JobConnection", b => b
            .Field("edges", p => p.Edges)
            .Field("pageInfo", p => p));

        builder.BindType<JobPage>("JobPageInfo", b => b
            .Field("hasNextPage", p => p.HasNextPage)
            .Field("endCursor", p => p.Edges.Count == 0 ? null : p.Edges[^1].Cursor));

        builder.BindType<JobEdge>("JobEdge", b => b
            .Field("cursor", e => e.Cursor)
            .Field("node", e => e.Node));

        builder.BindType<Upload>("ImportUpload", b => b
            .Field("uploadId", u => u.UploadId)
            .Field("url", u => u.Url)
            .Field("method", _ => "PUT")
            .Field("expiresAt", u => u.ExpiresAt));
    }

    /// <summary>A fresh link each time the job is read, valid for Jobs:LinkMinutes but never past the file's own expiry.</summary>
    private static async ValueTask<object?> DownloadAsync(JobRecord job, IResolverContext context)
    {
        if (job.Kind != JobKinds.Export || job.Status != JobStatus.Succeeded || job.Result is null) return null;
        var result = JsonSerializer.Deserialize<ExportJob.Result>(job.Result, JobJsonOptions);
        if (result is null) return null;
        var now = DateTimeOffset.UtcNow;
        var fileExpires = new DateTimeOffset(DateTime.SpecifyKind(result.FileExpiresAt, DateTimeKind.Utc));
        if (fileExpires <= now) return null;
        var options = context.Services.GetRequiredService<JobsOptions>();
        var expires = now.AddMinutes(options.LinkMinutes) < fileExpires ? now.AddMinutes(options.LinkMinutes) : fileExpires;
        var url = await context.Services.GetRequiredService<IJobFileStore>().DownloadUrlAsync(result.File, result.FileName, expires, context.CancellationToken);
        return new Download(url, expires, result.Format);
    }

    private static string EncodeCursor(JobRecord job) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{job.CreatedAt.Ticks.ToString(CultureInfo.InvariantCulture)}:{job.Id:D}"));

    private static (DateTime, Guid)? DecodeCursor(string cursor)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split(':');
            if (parts.Length == 2 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var ticks) && Guid.TryParse(parts[1], out var id))
                return (new DateTime(ticks, DateTimeKind.Utc), id);
        }
        catch (FormatException)
        {
        }

        throw InputReader.Validation("after", "after is not a cursor of this listing.");
    }

    private static readonly JsonSerializerOptions JobJsonOptions = new(JsonSerializerDefaults.Web);
}
