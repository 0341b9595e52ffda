using Amazon.S3;
using Amazon.S3.Model;
using Goals.Api.Jobs.Files;
using Goals.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Goals.Api.Tests.Jobs;

/// <summary>Job files in S3 (Jobs:Bucket) with the real AWSSDK.S3 client against npm s3rver: the export's presigned GET,
/// the import's presigned PUT, and erase removing the student's objects.</summary>
[Collection(ApiCollection.Name)]
public sealed class S3JobsTests(DatabaseFixture database) : IAsyncLifetime
{
    private S3rverProcess _s3 = null!;
    private JobsHarness _jobs = null!;

    public async Task InitializeAsync()
    {
        _s3 = await S3rverProcess.StartAsync();
        _jobs = await JobsHarness.StartAsync(database, new Dictionary<string, string?>
        {
            ["Bucket"] = S3rverProcess.Bucket,
            ["S3ServiceUrl"] = _s3.ServiceUrl,
        });
    }

    public async Task DisposeAsync()
    {
        await _jobs.DisposeAsync();
        await _s3.DisposeAsync();
    }

    [Fact]
    public async Task Export_is_downloaded_from_a_presigned_url_imported_through_a_presigned_upload_and_erase_removes_the_objects()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await _jobs.SeedAsync(_jobs.Token(a), goals: 2);
        var export = await _jobs.StartAsync(_jobs.Token(a), "startExport", new { format = "CSV" });
        var done = await _jobs.FinishedJobAsync(_jobs.Token(a), export["id"]!.GetValue<string>());
        Assert.True(done["status"]!.GetValue<string>() == "SUCCEEDED", done.ToJsonString());
        var url = done["download"]!["url"]!.GetValue<string>();
        Assert.StartsWith(_s3.ServiceUrl + "/" + S3rverProcess.Bucket + "/exports/" + a.ToString("D") + "/", url, StringComparison.Ordinal);
        Assert.Contains("X-Amz-Signature=", url, StringComparison.Ordinal);

        using var http = new HttpClient();
        var file = await http.GetByteArrayAsync(url);

        var upload = (await _jobs.Api.PostAsync("mutation { requestImportUpload(input: { format: CSV }) { uploadId url } }", token: _jobs.Token(b)))
            .RequireData()["requestImportUpload"]!;
        using var content = new ByteArrayContent(file);
        var put = await http.PutAsync(upload["url"]!.GetValue<string>(), content);
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        var import = await _jobs.StartAsync(_jobs.Token(b), "startImport", new { format = "CSV", uploadId = upload["uploadId"]!.GetValue<string>() });
        var imported = await _jobs.FinishedJobAsync(_jobs.Token(b), import["id"]!.GetValue<string>());
        Assert.True(imported["status"]!.GetValue<string>() == "SUCCEEDED", imported.ToJsonString());
        Assert.Equal(await _jobs.SnapshotAsync(_jobs.Token(a)), await _jobs.SnapshotAsync(_jobs.Token(b)));

        var s3 = _jobs.Api.Services.GetRequiredService<IAmazonS3>();
        Assert.NotEmpty(await KeysAsync(s3, $"exports/{a:D}/"));
        var erase = await _jobs.StartAsync(_jobs.Token(a), "startErase", new { confirm = "ERASE ALL MY DATA" });
        Assert.Equal("SUCCEEDED", (await _jobs.FinishedJobAsync(_jobs.Token(a), erase["id"]!.GetValue<string>()))["status"]!.GetValue<string>());
        Assert.Empty(await KeysAsync(s3, $"exports/{a:D}/"));
        Assert.NotEmpty(await KeysAsync(s3, $"uploads/{b:D}/")); // another student's objects stay
    }

    [Fact]
    public async Task Deleting_one_file_removes_that_object_only_and_a_missing_one_is_no_error()
    {
        var student = Guid.NewGuid();
        var store = _jobs.Api.Services.GetRequiredService<IJobFileStore>();
        var (cancelled, kept) = (JobFileKeys.Export(student, Guid.NewGuid(), "json"), JobFileKeys.Export(student, Guid.NewGuid(), "json"));
        var local = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(local, "{}");
            await store.SaveAsync(cancelled, local, "application/json", CancellationToken.None);
            await store.SaveAsync(kept, local, "application/json", CancellationToken.None);
        }
        finally
        {
            File.Delete(local);
        }

        await store.DeleteAsync(cancelled, CancellationToken.None);
        await store.DeleteAsync(cancelled, CancellationToken.None);
        var s3 = _jobs.Api.Services.GetRequiredService<IAmazonS3>();
        Assert.Equal([kept], await KeysAsync(s3, $"exports/{student:D}/"));
    }

    private static async Task<List<string>> KeysAsync(IAmazonS3 s3, string prefix) =>
        ((await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = S3rverProcess.Bucket, Prefix = prefix })).S3Objects ?? [])
        .Select(o => o.Key).ToList();
}
