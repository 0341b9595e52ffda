using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Extensions;

namespace Goals.Api.Jobs.Files;

/// <summary>
/// Job files in a local directory (default &lt;repo&gt;/.data/jobs), served by the app at <c>/jobs/files/{key}</c> (GET)
/// and <c>/jobs/uploads/{key}</c> (PUT) behind links signed with HMAC-SHA256 over method, key and expiry.
/// </summary>
public sealed class LocalJobFileStore(string root, byte[] signingKey, IHttpContextAccessor http, string? publicBaseUrl) : IJobFileStore
{
    public const string DownloadPath = "/jobs/files/";
    public const string UploadPath = "/jobs/uploads/";

    public string Root { get; } = Path.GetFullPath(root);

    public Task SaveAsync(string key, string localPath, string contentType, CancellationToken ct)
    {
        var target = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(localPath, target + ".partial", overwrite: true);
        File.Move(target + ".partial", target, overwrite: true);
        return Task.CompletedTask;
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        return Task.FromResult<Stream?>(File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan)
            : null);
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        foreach (var file in new[] { path + ".partial", path })
        {
            if (File.Exists(file)) File.Delete(file);
        }

        return Task.CompletedTask;
    }

    public Task<int> DeletePrefixAsync(string prefix, CancellationToken ct)
    {
        var directory = PathOf(prefix.TrimEnd('/'));
        if (!Directory.Exists(directory)) return Task.FromResult(0);
        var count = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Count();
        Directory.Delete(directory, recursive: true);
        return Task.FromResult(count);
    }

    public Task<string> DownloadUrlAsync(string key, string fileName, DateTimeOffset expires, CancellationToken ct) =>
        Task.FromResult(Link(DownloadPath, "GET", key, expires));

    public Task<string> UploadUrlAsync(string key, DateTimeOffset expires, CancellationToken ct) =>
        Task.FromResult(Link(UploadPath, "PUT", key, expires));

    /// <summary>The key of a validly signed, unexpired link; null otherwise.</summary>
    public string? Verify(string method, string key, string? expires, string? signature, DateTimeOffset now)
    {
        if (!long.TryParse(expires, out var unix) || signature is null || now.ToUnixTimeSeconds() > unix) return null;
        byte[] given;
        try
        {
            given = Convert.FromHexString(signature);
        }
        catch (FormatException)
        {
            return null;
        }

        return CryptographicOperations.FixedTimeEquals(given, Sign(method, key, unix)) && IsSafeKey(key) ? key : null;
    }

    public string PathOf(string key) =>
        IsSafeKey(key) ? Path.Combine(Root, key.Replace('/', Path.DirectorySeparatorChar)) : throw new ArgumentException("Unsafe job file key.", nameof(key));

    private static bool IsSafeKey(string key) =>
        key.Length > 0 && key.Split('/').All(part => part.Length > 0 && part != "." && part != ".." && part.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'));

    private string Link(string path, string method, string key, DateTimeOffset expires)
    {
        var unix = expires.ToUnixTimeSeconds();
        var query = new QueryBuilder { { "expires", unix.ToString(System.Globalization.CultureInfo.InvariantCulture) }, { "sig", Convert.ToHexStringLower(Sign(method, key, unix)) } };
        return BaseUrl() + path + key + query.ToQueryString();
    }

    private string BaseUrl()
    {
        if (!string.IsNullOrEmpty(publicBaseUrl)) return publicBaseUrl.TrimEnd('/');
        var request = http.HttpContext?.Request;
        return request is null ? "http://127.0.0.1:5000" : $"{request.Scheme}://{request.Host}{request.PathBase}";
    }

    private byte[] Sign(string method, string key, long unix) =>
        HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes($"{method}\n{key}\n{unix}"));
}
