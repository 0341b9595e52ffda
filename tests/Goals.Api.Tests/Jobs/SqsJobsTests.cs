using Amazon.SQS;
using Amazon.SQS.Model;
using Goals.Api.Configuration;
using Goals.Api.Jobs;
using Goals.Api.Tests.Infrastructure;
using Goals.Data.Jobs;
using Goals.Data.Transactions;
using Goals.Lambda.Sqs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Goals.Api.Tests.Jobs;

/// <summary>
/// The AWS path with the real AWSSDK.SQS client against <see cref="LoopbackSqs"/> (maxReceiveCount 3 = Jobs:MaxAttempts):
/// the API publishes after the commit, the worker's record handler runs each delivered message (as the Lambda event
/// source does: delete on success, leave it on a throw), the sweeper republishes and dead-letters.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SqsJobsTests(DatabaseFixture database) : IAsyncLifetime, IAsyncDisposable
{
    private LoopbackSqs _sqs = null!;
    private JobsHarness _jobs = null!;

    public async Task InitializeAsync()
    {
        _sqs = new LoopbackSqs(maxReceiveCount: 3);
        _jobs = await JobsHarness.StartAsync(database, new Dictionary<string, string?>
        {
            ["QueueUrl"] = _sqs.QueueUrl,
            ["DeadLetterQueueUrl"] = _sqs.DeadLetterQueueUrl,
            ["SqsServiceUrl"] = _sqs.BaseUrl,
            ["MaxAttempts"] = "3",
        }, services =>
        {
            services.AddSingleton<CountingKind>();
            services.AddSingleton<IJobKind>(sp => sp.GetRequiredService<CountingKind>());
            services.AddSingleton<IJobKind, AlwaysFailingKind>();
        });
    }

    private int _disposed;

    public Task DisposeAsync() => ((IAsyncDisposable)this).DisposeAsync().AsTask();

    /// <summary>Once, whichever of xUnit's two disposal hooks comes first.</summary>
    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _jobs.DisposeAsync();
        await _sqs.DisposeAsync();
    }

    private IServiceProvider Services => _jobs.Api.Services;

    [Fact]
    public async Task A_started_export_is_published_after_its_commit_and_runs_from_its_message()
    {
        await _sqs.StartAsync();
        var a = Guid.NewGuid();
        await _jobs.SeedAsync(_jobs.Token(a), goals: 1);
        var job = await _jobs.StartAsync(_jobs.Token(a), "startExport", new { format = "JSON" });
        var id = job["id"]!.GetValue<string>();
        Assert.Equal([JobMessage.Format(new JobKey(a, Guid.Parse(id)))], _sqs.Bodies("jobs"));
        Assert.True(await PublishedAsync(a, Guid.Parse(id)));

        Assert.Equal(1, await DeliverAsync());
        var done = (await _jobs.JobAsync(_jobs.Token(a), id))!;
        Assert.Equal(("SUCCEEDED", 1), (done["status"]!.GetValue<string>(), done["attempts"]!.GetValue<int>()));
        Assert.Empty(_sqs.Bodies("jobs")); // acknowledged
    }

    [Fact]
    public async Task The_same_message_delivered_twice_at_once_runs_the_job_once()
    {
        await _sqs.StartAsync();
        var key = await CreateJobAsync(CountingKind.Name);
        await Services.GetRequiredService<IAmazonSQS>().SendMessageAsync(_sqs.QueueUrl, JobMessage.Format(key)); // the duplicate
        var kind = Services.GetRequiredService<CountingKind>();
        kind.Runs.TryAdd(key.JobId, 0);

        var messages = await ReceiveAsync(10);
        Assert.Equal(2, messages.Count);
        await Task.WhenAll(messages.Select(m => Task.Run(() => HandleAsync(m))));

        Assert.Equal(1, kind.Runs[key.JobId]);
        var job = await GetAsync(key);
        Assert.Equal((JobStatus.Succeeded, 1), (job.Status, job.Attempts));
        Assert.Empty(_sqs.Bodies("jobs"));
    }

    [Fact]
    public async Task With_SQS_unreachable_the_student_still_gets_the_job_and_it_runs_once_SQS_is_back()
    {
        var a = Guid.NewGuid();
        var response = await _jobs.TryStartAsync(_jobs.Token(a), "startExport", new { format = "JSON" });
        var id = Guid.Parse(response.RequireData()["startExport"]!["job"]!["id"]!.GetValue<string>());
        Assert.Equal("QUEUED", response.Data!["startExport"]!["job"]!["status"]!.GetValue<string>());
        Assert.False(await PublishedAsync(a, id));

        var sweeper = Services.GetRequiredService<JobSweeper>();
        Assert.Equal(0, (await sweeper.SweepAsync(CancellationToken.None)).Republished); // still down: stays unpublished
        Assert.False(await PublishedAsync(a, id));

        await _sqs.StartAsync();
        Assert.True((await sweeper.SweepAsync(CancellationToken.None)).Republished >= 1);
        Assert.True(await PublishedAsync(a, id));
        await DeliverUntilEmptyAsync();
        Assert.Equal(JobStatus.Succeeded, (await GetAsync(new JobKey(a, id))).Status);
        Assert.Empty(_sqs.Bodies("jobs"));
    }

    [Fact]
    public async Task A_job_that_always_fails_ends_FAILED_after_the_attempt_limit_with_its_message_in_the_dead_letter_queue()
    {
        await _sqs.StartAsync();
        var key = await CreateJobAsync(AlwaysFailingKind.Name);
        await DeliverUntilEmptyAsync();

        var job = await GetAsync(key);
        Assert.Equal((JobStatus.Failed, 3, "ATTEMPTS_EXHAUSTED"), (job.Status, job.Attempts, job.ErrorCode));
        Assert.Equal("The job failed 3 times, the last time with: the test kind always fails.", job.ErrorMessage);
        Assert.NotNull(job.FinishedAt);
        Assert.Contains(JobMessage.Format(key), _sqs.Bodies("jobs-dlq"));
        Assert.DoesNotContain(JobMessage.Format(key), _sqs.Bodies("jobs"));
    }

    [Fact]
    public async Task A_dead_lettered_message_ends_its_job_FAILED_when_the_sweeper_reads_the_dead_letter_queue()
    {
        await _sqs.StartAsync();
        var key = await CreateJobAsync(CountingKind.Name, publish: false);
        await Services.GetRequiredService<IAmazonSQS>().SendMessageAsync(_sqs.DeadLetterQueueUrl, JobMessage.Format(key));

        Assert.True((await Services.GetRequiredService<JobSweeper>().SweepAsync(CancellationToken.None)).DeadLettered >= 1);
        var job = await GetAsync(key);
        Assert.Equal((JobStatus.Failed, "DEAD_LETTERED"), (job.Status, job.ErrorCode));
        Assert.NotNull(job.FinishedAt);
    }

    [Fact]
    public async Task A_job_whose_worker_vanished_is_requeued_by_the_sweeper_and_republished()
    {
        await _sqs.StartAsync();
        var key = await CreateJobAsync(CountingKind.Name);
        await ReceiveAsync(10); // a worker took the message ...
        var runner = Services.GetRequiredService<TransactionRunner>();
        var jobs = Services.GetRequiredService<JobRepository>();
        Assert.NotNull(await runner.RunAsync((s, c) => jobs.ClaimAsync(s, key, "vanished-worker", TimeSpan.FromSeconds(-1), 3, c), CancellationToken.None));
        // ... claimed the job with a lease that has already run out, and died.

        await Services.GetRequiredService<JobSweeper>().SweepAsync(CancellationToken.None);
        var requeued = await GetAsync(key);
        Assert.Equal((JobStatus.Queued, "LEASE_EXPIRED", true), (requeued.Status, requeued.ErrorCode, requeued.Published));
        await DeliverUntilEmptyAsync();
        var done = await GetAsync(key);
        Assert.Equal((JobStatus.Succeeded, 2), (done.Status, done.Attempts));
    }

    // ---------- helpers ----------

    private async Task<JobKey> CreateJobAsync(string kind, bool publish = true)
    {
        var runner = Services.GetRequiredService<TransactionRunner>();
        var jobs = Services.GetRequiredService<JobRepository>();
        var job = await runner.RunAsync((s, c) => jobs.CreateAsync(s, Guid.NewGuid(), kind, "{}", c), CancellationToken.None);
        var key = new JobKey(job.StudentId, job.Id);
        if (publish)
        {
            Assert.True(await JobStarter.TryPublishAsync(Services.GetRequiredService<IJobPublisher>(), runner, jobs, key, NullLogger.Instance, CancellationToken.None));
        }

        return key;
    }

    private Task<JobRecord> GetAsync(JobKey key) =>
        Services.GetRequiredService<TransactionRunner>().RunAsync(async (s, c) =>
            (await Services.GetRequiredService<JobRepository>().GetAsync(s, key, c))!, CancellationToken.None);

    private async Task<bool> PublishedAsync(Guid student, Guid id) => (await GetAsync(new JobKey(student, id))).Published;

    private async Task<List<Message>> ReceiveAsync(int max) =>
        (await Services.GetRequiredService<IAmazonSQS>().ReceiveMessageAsync(new ReceiveMessageRequest(_sqs.QueueUrl)
        {
            MaxNumberOfMessages = max,
            VisibilityTimeout = 60,
            MessageSystemAttributeNames = ["ApproximateReceiveCount"],
        })).Messages ?? [];

    /// <summary>What the Lambda event source does with one message: run the record handler; delete the message when it returns.</summary>
    private async Task<bool> HandleAsync(Message message)
    {
        await using var scope = Services.CreateAsyncScope();
        var handler = new JobMessageHandler(scope.ServiceProvider.GetRequiredService<JobRunner>(), scope.ServiceProvider.GetRequiredService<JobsOptions>(),
            NullLogger<JobMessageHandler>.Instance, scope.ServiceProvider.GetRequiredService<IAmazonSQS>());
        var record = new SqsRecord { MessageId = message.MessageId, ReceiptHandle = message.ReceiptHandle, Body = message.Body };
        try
        {
            await handler.HandleAsync(record, CancellationToken.None);
        }
        catch (JobMessageException)
        {
            return false;
        }

        await Services.GetRequiredService<IAmazonSQS>().DeleteMessageAsync(_sqs.QueueUrl, message.ReceiptHandle);
        return true;
    }

    private async Task<int> DeliverAsync()
    {
        var handled = 0;
        foreach (var message in await ReceiveAsync(10))
        {
            await HandleAsync(message);
            handled++;
        }

        return handled;
    }

    /// <summary>Delivers until no message is visible (failed ones come back at once: Jobs:BackoffSeconds is 0 here).</summary>
    private async Task DeliverUntilEmptyAsync()
    {
        for (var round = 0; round < 20; round++)
        {
            if (await DeliverAsync() == 0) return;
        }

        Assert.Fail("Messages kept coming back: " + string.Join(", ", _sqs.Bodies("jobs")));
    }

    /// <summary>Counts how often its jobs really ran; slow enough that two concurrent deliveries overlap.</summary>
    internal sealed class CountingKind : IJobKind
    {
        public const string Name = "TEST_COUNTING";

        public System.Collections.Concurrent.ConcurrentDictionary<Guid, int> Runs { get; } = new();

        public string Kind => Name;

        public async Task<string?> RunAsync(JobExecution execution, CancellationToken ct)
        {
            Runs.AddOrUpdate(execution.Job.Id, 1, (_, n) => n + 1);
            await Task.Delay(300, ct);
            return null;
        }
    }

    internal sealed class AlwaysFailingKind : IJobKind
    {
        public const string Name = "TEST_ALWAYS_FAILS";

        public string Kind => Name;

        public Task<string?> RunAsync(JobExecution execution, CancellationToken ct) =>
            throw new JobAttemptException("the test kind always fails.");
    }
}
