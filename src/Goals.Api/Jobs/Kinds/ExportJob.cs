using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Goals.Api.Jobs.Csv;
using Goals.Api.Jobs.Files;
using Goals.Data.Jobs;
using Goals.Data.Repositories;

namespace Goals.Api.Jobs.Kinds;

/// <summary>
/// Exports every goal of the student with its tasks and notes, page by page (keyset, <see cref="PageSize"/> goals), to a
/// temporary file, then stores it (S3 or the local directory). Memory stays flat whatever the size. A rerun writes
/// the whole file again (it only reads), so its checkpoint is simply "not done". After each page it checks in
/// (<see cref="JobExecution.CheckInAsync"/>): a cancelled export stops there, its temporary file is deleted and nothing is
/// stored or linked (a file stored just before the cancel was seen is deleted by <see cref="DiscardAsync"/>).
/// </summary>
public sealed class ExportJob(StudentDataRepository data, IJobFileStore files) : IJobKind
{
    public const int PageSize = 2000;

    /// <summary>Exported files are kept a day (the S3 lifecycle rule; the local store is cleaned by erase).</summary>
    public static readonly TimeSpan FileLifetime = TimeSpan.FromDays(1);

    public string Kind => JobKinds.Export;

    public sealed record Payload(string Format);

    public sealed record Result(string File, string FileName, string Format, long Rows, long Bytes, DateTime FileExpiresAt);

    public async Task<string?> RunAsync(JobExecution execution, CancellationToken ct)
    {
        var payload = JobJson.Deserialize<Payload>(execution.Job.Payload)
                      ?? throw new PermanentJobException("BAD_PAYLOAD", "The export job has no format.");
        if (!ExportFormat.IsFormat(payload.Format)) throw new PermanentJobException("BAD_PAYLOAD", $"Unknown export format '{payload.Format}'.");

        var total = await data.CountAsync(execution.Session, execution.StudentId, ct);
        execution.ReportProgress(0, total);
        var temp = Path.Combine(Path.GetTempPath(), $"goals-export-{execution.Job.Id:N}-{Guid.NewGuid():N}");
        try
        {
            var rows = payload.Format == ExportFormat.Csv
                ? await WriteCsvZipAsync(execution, temp, total, ct)
                : await WriteJsonAsync(execution, temp, total, ct);
            await execution.CheckInAsync(execution.Progress, ct); // a cancel seen while zipping: do not store the file
            var key = FileKey(execution, payload.Format);
            await files.SaveAsync(key, temp, ExportFormat.ContentType(payload.Format), ct);
            var fileName = $"goals-export-{execution.Job.CreatedAt:yyyyMMdd-HHmmss}.{ExportFormat.Extension(payload.Format)}";
            execution.ReportProgress(rows, rows);
            return JobJson.Serialize(new Result(key, fileName, payload.Format, rows, new FileInfo(temp).Length,
                DateTime.UtcNow + FileLifetime));
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public async Task DiscardAsync(JobExecution execution, CancellationToken ct)
    {
        if (JobJson.Deserialize<Payload>(execution.Job.Payload) is { } payload && ExportFormat.IsFormat(payload.Format))
            await files.DeleteAsync(FileKey(execution, payload.Format), ct);
    }

    private static string FileKey(JobExecution execution, string format) =>
        JobFileKeys.Export(execution.StudentId, execution.Job.Id, ExportFormat.Extension(format));

    /// <summary>Goals newest first, each with its tasks and notes, one page of goals in memory at a time; a check-in after each page.</summary>
    private async IAsyncEnumerable<(GoalRow Goal, IReadOnlyList<GoalTaskRow> Tasks, IReadOnlyList<GoalNoteRow> Notes)> ReadAllAsync(
        JobExecution execution, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        (DateTime, Guid)? after = null;
        while (true)
        {
            var goals = await data.PageGoalsAsync(execution.Session, execution.StudentId, after, PageSize, ct);
            if (goals.Count == 0) yield break;
            var ids = goals.Select(g => g.Id).ToArray();
            var tasks = (await data.TasksOfAsync(execution.Session, execution.StudentId, ids, ct)).ToLookup(t => t.GoalId);
            var notes = (await data.NotesOfAsync(execution.Session, execution.StudentId, ids, ct)).ToLookup(n => n.GoalId);
            foreach (var goal in goals) yield return (goal, tasks[goal.Id].ToList(), notes[goal.Id].ToList());
            await execution.CheckInAsync(execution.Progress, ct);
            if (goals.Count < PageSize) yield break;
            after = (goals[^1].CreatedAt, goals[^1].Id);
        }
    }

    private async Task<long> WriteJsonAsync(JobExecution execution, string path, long total, CancellationToken ct)
    {
        long rows = 0;
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        await using var json = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = false });
        json.WriteStartObject();
        json.WriteString("format", ExportFormat.FormatTag);
        json.WriteString("exportedAt", ExportFormat.Timestamp(DateTime.UtcNow));
        json.WriteStartArray("goals");
        await foreach (var (goal, tasks, notes) in ReadAllAsync(execution, ct))
        {
            json.Flush();
            file.WriteByte((byte)'\n'); // one goal per line: import reports name these lines
            WriteGoal(json, goal, tasks, notes);
            rows += 1 + tasks.Count + notes.Count;
            if (json.BytesPending > 1 << 16) await json.FlushAsync(ct);
            execution.ReportProgress(rows, total);
        }

        json.Flush();
        file.WriteByte((byte)'\n');
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(ct);
        return rows;
    }

    private static void WriteGoal(Utf8JsonWriter json, GoalRow goal, IReadOnlyList<GoalTaskRow> tasks, IReadOnlyList<GoalNoteRow> notes)
    {
        json.WriteStartObject();
        json.WriteString("id", goal.Id);
        json.WriteString("goalType", goal.GoalType);
        json.WriteString("title", goal.Title);
        json.WriteString("information", goal.Information);
        json.WriteBoolean("complete", goal.Complete);
        json.WriteString("dueAt", ExportFormat.Timestamp(goal.DueAt));
        json.WriteString("color", goal.Color);
        json.WriteString("createdAt", ExportFormat.Timestamp(goal.CreatedAt));
        json.WriteString("updatedAt", ExportFormat.Timestamp(goal.UpdatedAt));
        json.WriteStartArray("tasks");
        foreach (var task in tasks)
        {
            json.WriteStartObject();
            json.WriteString("id", task.Id);
            json.WriteString("information", task.Information);
            json.WriteBoolean("complete", task.Complete);
            json.WriteString("createdAt", ExportFormat.Timestamp(task.CreatedAt));
            json.WriteString("updatedAt", ExportFormat.Timestamp(task.UpdatedAt));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("notes");
        foreach (var note in notes)
        {
            json.WriteStartObject();
            json.WriteString("id", note.Id);
            json.WriteString("information", note.Information);
            json.WriteString("createdAt", ExportFormat.Timestamp(note.CreatedAt));
            json.WriteString("updatedAt", ExportFormat.Timestamp(note.UpdatedAt));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Three CSV files written side by side (a zip takes one entry at a time), then zipped.</summary>
    private async Task<long> WriteCsvZipAsync(JobExecution execution, string path, long total, CancellationToken ct)
    {
        long rows = 0;
        var parts = new[] { ExportFormat.GoalsFile, ExportFormat.TasksFile, ExportFormat.NotesFile }.ToDictionary(n => n, n => path + "." + n);
        try
        {
            await using (var goals = OpenCsv(parts[ExportFormat.GoalsFile], ExportFormat.GoalColumns))
            await using (var tasks = OpenCsv(parts[ExportFormat.TasksFile], ExportFormat.TaskColumns))
            await using (var notes = OpenCsv(parts[ExportFormat.NotesFile], ExportFormat.NoteColumns))
            {
                await foreach (var (goal, goalTasks, goalNotes) in ReadAllAsync(execution, ct))
                {
                    WriteRow(goals, goal.Id, goal.GoalType, goal.Title, goal.Information, Bool(goal.Complete), ExportFormat.Timestamp(goal.DueAt),
                        goal.Color, ExportFormat.Timestamp(goal.CreatedAt), ExportFormat.Timestamp(goal.UpdatedAt));
                    var position = 0;
                    foreach (var t in goalTasks)
                    {
                        WriteRow(tasks, t.Id, goal.Id, position++, t.Information, Bool(t.Complete), ExportFormat.Timestamp(t.CreatedAt),
                            ExportFormat.Timestamp(t.UpdatedAt));
                    }

                    foreach (var n in goalNotes)
                    {
                        WriteRow(notes, n.Id, goal.Id, n.Information, ExportFormat.Timestamp(n.CreatedAt), ExportFormat.Timestamp(n.UpdatedAt));
                    }

                    rows += 1 + goalTasks.Count + goalNotes.Count;
                    execution.ReportProgress(rows, total);
                }
            }

            await using var zipFile = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            await using var zip = new ZipArchive(zipFile, ZipArchiveMode.Create);
            foreach (var (name, part) in parts)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
                await using var target = await entry.OpenAsync(ct);
                await using var source = File.OpenRead(part);
                await source.CopyToAsync(target, ct);
            }

            return rows;
        }
        finally
        {
            foreach (var part in parts.Values) File.Delete(part);
        }
    }

    private static CsvRecordWriter OpenCsv(string path, string[] header)
    {
        var csv = new CsvRecordWriter(path);
        csv.WriteRecord(header);
        return csv;
    }

    private static void WriteRow(CsvRecordWriter csv, params object?[] fields) =>
        csv.WriteRecord(fields.Select(field => field switch { null => "", Guid g => g.ToString("D"), IFormattable f => f.ToString(null, CultureInfo.InvariantCulture), _ => field.ToString() }));

    private static string Bool(bool value) => value ? "true" : "false";
}
