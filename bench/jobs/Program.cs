using System.Diagnostics;
using System.Text.Json;
using Goals.Local.Cli;
using Goals.Api.Configuration;
using Goals.Api.Hosting;
using Goals.Api.Jobs;
using Goals.Local.Embedded;
using Goals.Data.Jobs;
using Goals.Data.Migrations;
using Goals.Data.Transactions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

// Export and import of one student's 10,000 goals x 5 tasks x 3 notes (90,000 rows) through the real job code
// (JobRunner: claim, chunks with checkpoints, finish) on a throwaway private PostgreSQL. Prints rows/s and the
// process's memory growth over the baseline (peak working set and peak managed heap, sampled every 10 ms).
var goals = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
const int tasks = 5, notes = 3;
var files = Path.Combine(Path.GetTempPath(), "goals-jobs-bench-" + Guid.NewGuid().ToString("N")[..8]);

await using var server = await PrivatePostgres.StartThrowawayAsync("goals_jobs_bench");
if (await MigrationCommand.RunAsync(server.ConnectionString, NullLogger.Instance, CancellationToken.None) != MigrationCommand.Success)
    throw new InvalidOperationException("migrations failed");
var students = await SeedCommand.SeedAsync(server.ConnectionString, 2, goals, tasks, notes, CancellationToken.None);
var warmUpStudent = students[1];

var builder = GoalsApp.CreateBuilder([], "Development");
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["ConnectionStrings:Goals"] = server.ConnectionString,
    ["Jobs:FilesDirectory"] = files,
    ["Logging:LogLevel:Default"] = "Warning",
    ["Database:MaxPoolSize"] = "4",
});
GoalsApp.ConfigureServices(builder);
await using var app = builder.Build();
var services = app.Services;
var runner = services.GetRequiredService<TransactionRunner>();
var jobs = services.GetRequiredService<JobRepository>();
var jobRunner = services.GetRequiredService<JobRunner>();

async Task<(JobRecord Job, TimeSpan Elapsed, long WorkingSetGrowth, long HeapGrowth)> RunAsync(Guid student, string kind, object payload)
{
    var job = await runner.RunAsync((s, c) => jobs.CreateAsync(s, student, kind, JsonSerializer.Serialize(payload, JsonSerializerOptions.Web), c),
        CancellationToken.None);
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    using var process = Process.GetCurrentProcess();
    process.Refresh();
    var baseSet = process.WorkingSet64;
    var baseHeap = GC.GetTotalMemory(false);
    long peakSet = baseSet, peakHeap = baseHeap;
    using var stop = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            process.Refresh();
            peakSet = Math.Max(peakSet, process.WorkingSet64);
            peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
            try { await Task.Delay(10, stop.Token); } catch (OperationCanceledException) { }
        }
    });
    var stopwatch = Stopwatch.StartNew();
    var (outcome, _) = await jobRunner.RunAsync(new JobKey(student, job.Id), CancellationToken.None);
    stopwatch.Stop();
    await stop.CancelAsync();
    await sampler;
    var done = await runner.RunAsync(async (s, c) => (await jobs.GetAsync(s, new JobKey(student, job.Id), c))!, CancellationToken.None);
    if (outcome != JobRunOutcome.Finished || done.Status != JobStatus.Succeeded)
        throw new InvalidOperationException($"{kind} ended {done.Status}: {done.ErrorCode} {done.ErrorMessage}");
    return (done, stopwatch.Elapsed, peakSet - baseSet, peakHeap - baseHeap);
}

string ExportFile(JobRecord export) => Path.Combine(files, JsonDocument.Parse(export.Result!).RootElement.GetProperty("file").GetString()!);

async Task<Guid> UploadAsync(Guid student, string path)
{
    var uploadId = Guid.NewGuid();
    var target = Path.Combine(files, "uploads", student.ToString("D"), uploadId.ToString("D"));
    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
    File.Copy(path, target);
    return uploadId;
}

// Warm-up (JIT, connection pool) on a small copy: export the second student, import it into a throwaway student.
var warm = await RunAsync(warmUpStudent, JobKinds.Export, new { format = "JSON" });
var warmTarget = Guid.NewGuid();
await RunAsync(warmTarget, JobKinds.Import, new { format = "JSON", uploadId = await UploadAsync(warmTarget, ExportFile(warm.Job)) });

var rows = goals * (1 + tasks + notes);
Console.WriteLine($"jobs bench: {goals} goals x {tasks} tasks x {notes} notes = {rows} rows, Jobs:ChunkRows {services.GetRequiredService<JobsOptions>().ChunkRows}");
Console.WriteLine("| job | rows | seconds | rows/s | peak working-set growth | peak managed-heap growth |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|");
void Report(string name, long count, (JobRecord Job, TimeSpan Elapsed, long Set, long Heap) r) =>
    Console.WriteLine($"| {name} | {count} | {r.Elapsed.TotalSeconds:F2} | {count / r.Elapsed.TotalSeconds:N0} | {r.Set / 1048576.0:F1} MB | {r.Heap / 1048576.0:F1} MB |");

foreach (var format in new[] { "JSON", "CSV" })
{
    var export = await RunAsync(students[0], JobKinds.Export, new { format });
    Report($"export {format}", export.Job.ProgressDone, export);
    var target = Guid.NewGuid();
    var uploadId = await UploadAsync(target, ExportFile(export.Job));
    var import = await RunAsync(target, JobKinds.Import, new { format, uploadId });
    var imported = JsonDocument.Parse(import.Job.Result!).RootElement.GetProperty("imported").GetInt64();
    if (imported != rows) throw new InvalidOperationException($"import {format} imported {imported} of {rows} rows");
    Report($"import {format}", imported, import);
}

Directory.Delete(files, recursive: true);
