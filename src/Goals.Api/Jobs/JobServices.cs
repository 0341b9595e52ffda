using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;
using Goals.Api.Configuration;
using Goals.Api.Jobs.Files;
using Goals.Api.Jobs.Kinds;
using Goals.Data.Jobs;
using Microsoft.Extensions.Options;

namespace Goals.Api.Jobs;

public static class JobServices
{
    /// <summary>
    /// The job machinery from the `Jobs` section: SQS publisher (Jobs:QueueUrl) or the local one, S3 file store
    /// (Jobs:Bucket) or the local directory, the kinds, the runner and the sweeper. The local file store signs its links
    /// with Jobs:LinkSigningKey or Auth:SigningKey, else with a key of this process only. The options themselves are
    /// registered and validated by AddGoalsOptions; <paramref name="configuration"/> only picks the implementations.
    /// </summary>
    public static IServiceCollection AddGoalsJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var options = ReadOptions(configuration);
        services.AddSingleton<JobRepository>();
        services.AddSingleton<StudentDataRepository>();
        services.AddHttpContextAccessor();

        if (options.UsesSqs || !string.IsNullOrEmpty(options.DeadLetterQueueUrl))
        {
            services.AddSingleton<IAmazonSQS>(sp => sp.GetRequiredService<JobsOptions>().SqsServiceUrl is not { Length: > 0 } serviceUrl
                ? new AmazonSQSClient()
                : new AmazonSQSClient(new AmazonSQSConfig { ServiceURL = serviceUrl, MaxErrorRetry = 1, Timeout = TimeSpan.FromSeconds(10) }));
        }

        if (options.UsesSqs)
        {
            services.AddSingleton<IJobPublisher, SqsJobPublisher>();
        }
        else
        {
            services.AddSingleton<LocalJobPublisher>();
            services.AddSingleton<IJobPublisher>(sp => sp.GetRequiredService<LocalJobPublisher>());
        }

        if (!string.IsNullOrEmpty(options.Bucket))
        {
            services.AddSingleton<IAmazonS3>(sp => sp.GetRequiredService<JobsOptions>().S3ServiceUrl is not { Length: > 0 } serviceUrl
                ? new AmazonS3Client()
                // S3-compatible endpoints (emulators, MinIO) may lack the SDK's default trailing checksums: only when required.
                : new AmazonS3Client(new AmazonS3Config
                {
                    ServiceURL = serviceUrl,
                    ForcePathStyle = true,
                    RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                    ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
                }));
            services.AddSingleton<IJobFileStore>(sp => new S3JobFileStore(sp.GetRequiredService<IAmazonS3>(), sp.GetRequiredService<JobsOptions>().Bucket!));
        }
        else
        {
            services.AddSingleton(sp =>
            {
                var jobs = sp.GetRequiredService<JobsOptions>();
                return new LocalJobFileStore(LocalDirectory(jobs), LinkKey(jobs, sp.GetRequiredService<IOptions<AuthOptions>>().Value),
                    sp.GetRequiredService<IHttpContextAccessor>(), jobs.PublicBaseUrl);
            });
            services.AddSingleton<IJobFileStore>(sp => sp.GetRequiredService<LocalJobFileStore>());
        }

        services.AddSingleton<IJobKind, ExportJob>();
        services.AddSingleton<IJobKind, ImportJob>();
        services.AddSingleton<IJobKind, EraseJob>();
        services.AddSingleton<IJobKind, NoopJob>();
        services.AddSingleton<JobRunner>();
        services.AddSingleton<JobSweeper>();
        services.AddSingleton<LocalJobWorker>();
        return services;
    }

    /// <summary>`serve` without a queue: the in-process worker drains the jobs table (Jobs:LocalWorker=false turns it off).</summary>
    public static void AddLocalWorkerIfLocal(IServiceCollection services, IConfiguration configuration)
    {
        var options = ReadOptions(configuration);
        if (!options.UsesSqs && options.LocalWorker) services.AddHostedService(sp => sp.GetRequiredService<LocalJobWorker>());
    }

    public static bool UsesS3(JobsOptions options) => !string.IsNullOrEmpty(options.Bucket);

    /// <summary>The `Jobs` section as registration sees it (which queue and file store to register); services get the validated options.</summary>
    private static JobsOptions ReadOptions(IConfiguration configuration) =>
        configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();

    /// <summary>Jobs:FilesDirectory (the local run sets &lt;repo&gt;/.data/jobs), else a directory under the temp directory.</summary>
    private static string LocalDirectory(JobsOptions options) =>
        !string.IsNullOrEmpty(options.FilesDirectory) ? options.FilesDirectory : Path.Combine(Path.GetTempPath(), "goals-jobs");

    private static byte[] LinkKey(JobsOptions options, AuthOptions auth)
    {
        var key = options.LinkSigningKey is { Length: > 0 } k ? k : auth.SigningKey;
        if (string.IsNullOrEmpty(key) || key.Length < JobsOptions.MinimumLinkSigningKeyChars)
        {
            // No shared secret configured (e.g. tokens come from an authority): links signed with a key of this process
            // only, so they stop working when it restarts, which a single local server can live with.
            return System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        }

        return Encoding.UTF8.GetBytes("job-file-links\n" + key);
    }
}

/// <summary>The kind the first worker shipped with: does nothing and succeeds (kept for rows that name it).</summary>
internal sealed class NoopJob : IJobKind
{
    public string Kind => JobKinds.Noop;

    public Task<string?> RunAsync(JobExecution execution, CancellationToken ct)
    {
        execution.ReportProgress(1, 1);
        return Task.FromResult<string?>(null);
    }
}
