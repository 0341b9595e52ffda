using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;
using Goals.Api.Jobs.Files;
using Goals.Api.Jobs.Kinds;
using Goals.Data.Jobs;
using Goals.Lambda.Configuration;

namespace Goals.Api.Jobs;

public static class JobServices
{
    /// <summary>
    /// The job machinery from the `Jobs` section: SQS publisher (Jobs:QueueUrl) or the local one, S3 file store
    /// (Jobs:Bucket) or the local directory, the kinds, the runner and the sweeper. The local file store needs a link
    /// signing key (Jobs:LinkSigningKey or Auth:SigningKey): without one it refuses to start (fail closed).
    /// </summary>
    public static IServiceCollection AddGoalsJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var options = ReadOptions(configuration);
        services.AddSingleton(options);
        services.AddSingleton<JobRepository>();
        services.AddSingleton<StudentDataRepository>();
        services.AddHttpContextAccessor();

        if (options.UsesSqs || !string.IsNullOrEmpty(options.DeadLetterQueueUrl))
        {
            services.AddSingleton<IAmazonSQS>(_ => string.IsNullOrEmpty(options.SqsServiceUrl)
                ? new AmazonSQSClient()
                : new AmazonSQSClient(new AmazonSQSConfig { ServiceURL = options.SqsServiceUrl, MaxErrorRetry = 1, Timeout = TimeSpan.FromSeconds(10) }));
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
            services.AddSingleton<IAmazonS3>(_ => string.IsNullOrEmpty(options.S3ServiceUrl)
                ? new AmazonS3Client()
                // S3-compatible endpoints (emulators, MinIO) may lack the SDK's default trailing checksums: only when required.
                : new AmazonS3Client(new AmazonS3Config
                {
                    ServiceURL = options.S3ServiceUrl,
                    ForcePathStyle = true,
                    RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                    ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
                }));
            services.AddSingleton<IJobFileStore>(sp => new S3JobFileStore(sp.GetRequiredService<IAmazonS3>(), options.Bucket));
        }
        else
        {
            services.AddSingleton(sp => new LocalJobFileStore(LocalDirectory(options), LinkKey(options, configuration),
                sp.GetRequiredService<IHttpContextAccessor>(), options.PublicBaseUrl));
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

    public static bool UsesS3(IConfiguration configuration) => !string.IsNullOrEmpty(ReadOptions(configuration).Bucket);

    /// <summary>The `Jobs` section; the keys a deployment sets are read by their KnownConfigurationKeys names.</summary>
    public static JobOptions ReadOptions(IConfiguration configuration)
    {
        var options = configuration.GetSection(JobOptions.Section).Get<JobOptions>() ?? new JobOptions();
        options.QueueUrl = configuration[KnownConfigurationKeys.JobsQueueUrl];
        options.DeadLetterQueueUrl = configuration[KnownConfigurationKeys.JobsDeadLetterQueueUrl];
        options.Bucket = configuration[KnownConfigurationKeys.JobsBucket];
        return options;
    }

    /// <summary>Jobs:FilesDirectory (the local run sets &lt;repo&gt;/.data/jobs), else a directory under the temp directory.</summary>
    private static string LocalDirectory(JobOptions options) =>
        !string.IsNullOrEmpty(options.FilesDirectory) ? options.FilesDirectory : Path.Combine(Path.GetTempPath(), "goals-jobs");

    private static byte[] LinkKey(JobOptions options, IConfiguration configuration)
    {
        var key = options.LinkSigningKey is { Length: > 0 } k ? k : configuration["Auth:SigningKey"];
        if (!string.IsNullOrEmpty(options.LinkSigningKey) && options.LinkSigningKey.Length < 32)
            throw new InvalidOperationException("Jobs:LinkSigningKey must have at least 32 characters.");
        if (string.IsNullOrEmpty(key) || key.Length < 32)
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
