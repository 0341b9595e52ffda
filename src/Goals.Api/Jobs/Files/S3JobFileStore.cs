using Amazon.S3;
using Amazon.S3.Model;

namespace Goals.Api.Jobs.Files;

/// <summary>Job files in the S3 bucket (objects expire after a day by the bucket's lifecycle rule); links are presigned URLs.</summary>
public sealed class S3JobFileStore(IAmazonS3 s3, string bucket) : IJobFileStore
{
    /// <summary>One PUT from the file (exports stay far below S3's 5 GB single-PUT limit). The payload is hashed up front
    /// rather than sent aws-chunked, which S3-compatible endpoints do not all understand.</summary>
    public async Task SaveAsync(string key, string localPath, string contentType, CancellationToken ct) =>
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            FilePath = localPath,
            ContentType = contentType,
            UseChunkEncoding = false,
        }, ct);

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken ct)
    {
        try
        {
            var response = await s3.GetObjectAsync(bucket, key, ct);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task DeleteAsync(string key, CancellationToken ct) => s3.DeleteObjectAsync(bucket, key, ct);

    public async Task<int> DeletePrefixAsync(string prefix, CancellationToken ct)
    {
        var deleted = 0;
        string? token = null;
        do
        {
            var page = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, ContinuationToken = token }, ct);
            var objects = page.S3Objects ?? [];
            if (objects.Count > 0)
            {
                await s3.DeleteObjectsAsync(new DeleteObjectsRequest
                {
                    BucketName = bucket,
                    Objects = objects.Select(o => new KeyVersion { Key = o.Key }).ToList(),
                }, ct);
                deleted += objects.Count;
            }

            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        } while (token is not null);

        return deleted;
    }

    public Task<string> DownloadUrlAsync(string key, string fileName, DateTimeOffset expires, CancellationToken ct)
    {
        var request = Presign(key, HttpVerb.GET, expires);
        request.ResponseHeaderOverrides.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        return s3.GetPreSignedURLAsync(request);
    }

    public Task<string> UploadUrlAsync(string key, DateTimeOffset expires, CancellationToken ct) =>
        s3.GetPreSignedURLAsync(Presign(key, HttpVerb.PUT, expires));

    private GetPreSignedUrlRequest Presign(string key, HttpVerb verb, DateTimeOffset expires) => new()
    {
        BucketName = bucket,
        Key = key,
        Verb = verb,
        Expires = expires.UtcDateTime,
        Protocol = s3.Config.ServiceURL?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS,
    };
}
