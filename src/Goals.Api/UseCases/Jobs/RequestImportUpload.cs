using Goals.Api.Configuration;
using Goals.Api.Jobs.Files;

namespace Goals.Api.UseCases.Jobs;

/// <summary>Mutation <c>requestImportUpload</c>: a signed PUT link for a large import file, valid for Jobs:LinkMinutes,
/// under a new upload id that <c>startImport</c> then names.</summary>
public sealed class RequestImportUpload(JobsOptions options, IJobFileStore files)
{
    public sealed record Upload(Guid UploadId, string Url, DateTimeOffset ExpiresAt);

    public async Task<Upload> RunAsync(Guid studentId, CancellationToken ct)
    {
        var uploadId = Guid.NewGuid();
        var expires = DateTimeOffset.UtcNow.AddMinutes(options.LinkMinutes);
        var url = await files.UploadUrlAsync(JobFileKeys.Upload(studentId, uploadId), expires, ct);
        return new Upload(uploadId, url, expires);
    }
}
