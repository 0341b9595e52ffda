namespace Goals.Api.Jobs.Files;

/// <summary>
/// Where job files live: exports (<c>exports/&lt;student&gt;/&lt;job&gt;.&lt;ext&gt;</c>) and import uploads
/// (<c>uploads/&lt;student&gt;/&lt;upload&gt;</c>). Keys always start with the student id, so a link or an upload id
/// can only reach the files of the student it was made for. S3 in AWS, a directory locally.
/// </summary>
public interface IJobFileStore
{
    /// <summary>Stores a finished local file under <paramref name="key"/> (replacing it: a rerun of an export rewrites it).</summary>
    Task SaveAsync(string key, string localPath, string contentType, CancellationToken ct);

    /// <summary>Opens a stored file; null when it does not exist.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken ct);

    /// <summary>Deletes one file if it exists (a cancelled export's).</summary>
    Task DeleteAsync(string key, CancellationToken ct);

    /// <summary>Deletes every file under the prefix (erase).</summary>
    Task<int> DeletePrefixAsync(string prefix, CancellationToken ct);

    /// <summary>A link that downloads the file until <paramref name="expires"/>.</summary>
    Task<string> DownloadUrlAsync(string key, string fileName, DateTimeOffset expires, CancellationToken ct);

    /// <summary>A link to PUT the file's bytes to, until <paramref name="expires"/>.</summary>
    Task<string> UploadUrlAsync(string key, DateTimeOffset expires, CancellationToken ct);
}

public static class JobFileKeys
{
    public static string Export(Guid studentId, Guid jobId, string extension) => $"exports/{studentId:D}/{jobId:D}.{extension}";

    public static string Upload(Guid studentId, Guid uploadId) => $"uploads/{studentId:D}/{uploadId:D}";

    /// <summary>The prefixes holding a student's files.</summary>
    public static IReadOnlyList<string> OfStudent(Guid studentId) => [$"exports/{studentId:D}/", $"uploads/{studentId:D}/"];
}
