using Goals.Api.Configuration;
using Goals.Api.Jobs.Files;
using Goals.Api.Jobs.Kinds;
using Goals.Api.Jobs;
using Goals.Data.Jobs;

namespace Goals.Api.UseCases.Jobs;

/// <summary><c>Job.download</c>: a fresh link each time the job is read, valid for Jobs:LinkMinutes but never past the
/// file's own expiry; null unless the job is a succeeded export whose file still exists.</summary>
public sealed class GetJobDownload(JobsOptions options, IJobFileStore files)
{
    public sealed record Download(string Url, DateTimeOffset ExpiresAt, string Format);

    public async Task<Download?> RunAsync(JobRecord job, CancellationToken ct)
    {
        if (job.Kind != JobKinds.Export || job.Status != JobStatus.Succeeded || job.Result is null) return null;
        var result = JobJson.Deserialize<ExportJob.Result>(job.Result);
        if (result is null) return null;
        var now = DateTimeOffset.UtcNow;
        var fileExpires = new DateTimeOffset(DateTime.SpecifyKind(result.FileExpiresAt, DateTimeKind.Utc));
        if (fileExpires <= now) return null;
        var expires = now.AddMinutes(options.LinkMinutes) < fileExpires ? now.AddMinutes(options.LinkMinutes) : fileExpires;
        var url = await files.DownloadUrlAsync(result.File, result.FileName, expires, ct);
        return new Download(url, expires, result.Format);
    }
}
