using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Goals.Api.Configuration;
using Goals.Api.Jobs.Csv;
using Goals.Api.Jobs.Files;
using Goals.Data.Jobs;
using Goals.Data.Repositories;

namespace Goals.Api.Jobs.Kinds;

/// <summary>
/// Imports a file in the export's format (JSON, or the CSV zip), streamed, in chunks of about Jobs:ChunkRows rows. Each
/// chunk's inserts and the checkpoint (how far the file was read, the report so far) commit together, so a rerun
/// resumes after the last chunk; ids derive from row keys and inserts skip present rows, so nothing is ever inserted
/// twice. Rows breaking the mutations' rules or limits (<see cref="ImportRules"/>, <see cref="ImportLimits"/>) are rejected
/// with their line and reason; the rest is imported.
/// </summary>
public sealed class ImportJob(StudentDataRepository data, IJobFileStore files, JobsOptions options, StudentLimitsOptions limits) : IJobKind
{
    public string Kind => JobKinds.Import;

    public sealed record Payload(string Format, string? Content, Guid? UploadId);

    public async Task<string?> RunAsync(JobExecution execution, CancellationToken ct)
    {
        var payload = JobJson.Deserialize<Payload>(execution.Job.Payload)
                      ?? throw new PermanentJobException("BAD_PAYLOAD", "The import job has no payload.");
        var report = execution.Checkpoint is { } checkpoint
            ? JobJson.Deserialize<ImportReport>(checkpoint) ?? new ImportReport()
            : new ImportReport();
        await using var source = await OpenAsync(execution.StudentId, payload, ct);
        try
        {
            if (payload.Format == ExportFormat.Csv) await ImportCsvAsync(execution, source, report, ct);
            else await ImportJsonAsync(execution, source, report, ct);
        }
        catch (ImportFormatException e)
        {
            throw new PermanentJobException("BAD_FILE", $"Line {e.Line}: {e.Message}");
        }
        catch (InvalidDataException e)
        {
            throw new PermanentJobException("BAD_FILE", "The file is not a zip of goals.csv, tasks.csv and notes.csv: " + e.Message);
        }

        return JobJson.Serialize(report);
    }

    private async Task<Stream> OpenAsync(Guid studentId, Payload payload, CancellationToken ct)
    {
        if (payload.Content is { } content)
        {
            if (payload.Format == ExportFormat.Json) return new MemoryStream(Encoding.UTF8.GetBytes(content));
            try
            {
                return new MemoryStream(Convert.FromBase64String(content));
            }
            catch (FormatException)
            {
                throw new PermanentJobException("BAD_FILE", "Inline CSV content must be the base64 of the zip.");
            }
        }

        if (payload.UploadId is not { } uploadId) throw new PermanentJobException("BAD_PAYLOAD", "The import names neither content nor an upload.");
        var stream = await files.OpenReadAsync(JobFileKeys.Upload(studentId, uploadId), ct)
                     ?? throw new PermanentJobException("UPLOAD_MISSING", $"Nothing was uploaded for upload {uploadId:D} (or it expired).");
        if (payload.Format != ExportFormat.Csv || stream.CanSeek) return stream;
        // A zip needs seeking: S3's response stream is copied to a temporary file first.
        var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        await using (stream) await stream.CopyToAsync(temp, ct);
        temp.Position = 0;
        return temp;
    }

    // ---------- JSON ----------

    private async Task ImportJsonAsync(JobExecution execution, Stream source, ImportReport report, CancellationToken ct)
    {
        var total = source.CanSeek ? source.Length : (long?)null;
        var chunk = new Chunk();
        var index = report.Position; // goals an earlier attempt committed: the reader steps over them
        long bytes = 0;
        var now = DateTime.UtcNow;
        await foreach (var element in JsonGoalReader.ReadAsync(source, report.Position, ct))
        {
            bytes = element.BytesRead;
            index++;
            AddJsonGoal(execution.StudentId, element, chunk, now);
            if (chunk.Rows >= options.ChunkRows)
            {
                await CommitAsync(execution, chunk, report, index, new JobProgress(bytes, total), ct);
                chunk = new Chunk();
            }
        }

        await CommitAsync(execution, chunk, report, index, new JobProgress(total ?? bytes, total ?? bytes), ct);
    }

    private static void AddJsonGoal(Guid studentId, JsonGoalReader.Element element, Chunk chunk, DateTime now)
    {
        GoalRow goal;
        var fields = JsonFields(element.Goal, out var sourceId);
        try
        {
            goal = ImportRules.Goal(studentId, ImportRules.RowKey(sourceId, element.Goal.GetRawText()), fields, now);
        }
        catch (Exception e) when (ImportRules.Violation(e) is { } message)
        {
            chunk.Rejections.Add((element.Line, message));
            return;
        }

        chunk.Goals.Add(new(goal, element.Line, ""));
        var position = 0;
        foreach (var (item, i) in Items(element.Goal, "tasks"))
        {
            try
            {
                var taskFields = JsonFields(item, out var taskId);
                chunk.Tasks.Add(new(ImportRules.Task(studentId, goal.Id, ImportRules.RowKey(taskId, $"{goal.Id}:task:{i}"), position, taskFields, now),
                    element.Line, $"tasks[{i}]: "));
                position++;
            }
            catch (Exception e) when (ImportRules.Violation(e) is { } message)
            {
                chunk.Rejections.Add((element.Line, $"tasks[{i}]: {message}"));
            }
        }

        foreach (var (item, i) in Items(element.Goal, "notes"))
        {
            try
            {
                var noteFields = JsonFields(item, out var noteId);
                chunk.Notes.Add(new(ImportRules.Note(studentId, goal.Id, ImportRules.RowKey(noteId, $"{goal.Id}:note:{i}"), noteFields, now),
                    element.Line, $"notes[{i}]: "));
            }
            catch (Exception e) when (ImportRules.Violation(e) is { } message)
            {
                chunk.Rejections.Add((element.Line, $"notes[{i}]: {message}"));
            }
        }
    }

    private static IEnumerable<(JsonElement Item, int Index)> Items(JsonElement goal, string name) =>
        goal.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().Select((e, i) => (e, i)) : [];

    private static Dictionary<string, string?> JsonFields(JsonElement element, out string? id)
    {
        if (element.ValueKind != JsonValueKind.Object) throw new ImportRowException("must be a JSON object.");
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name is "tasks" or "notes") continue;
            fields[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Null => null,
                _ => throw new ImportRowException($"{property.Name} must be a string, a boolean or null."),
            };
        }

        id = fields.GetValueOrDefault("id");
        return fields;
    }

    // ---------- CSV (zip of goals.csv, tasks.csv, notes.csv) ----------

    private async Task ImportCsvAsync(JobExecution execution, Stream source, ImportReport report, CancellationToken ct)
    {
        using var zip = new ZipArchive(source, ZipArchiveMode.Read);
        var entries = new[] { ExportFormat.GoalsFile, ExportFormat.TasksFile, ExportFormat.NotesFile }.Select(zip.GetEntry).ToArray();
        if (entries[0] is null) throw new ImportFormatException(0, "The zip has no goals.csv.");
        var total = entries.Sum(e => e?.Length ?? 0);
        long doneBefore = 0;
        for (var stage = 0; stage < entries.Length; stage++)
        {
            var entry = entries[stage];
            if (stage < report.Stage || entry is null)
            {
                doneBefore += entry?.Length ?? 0;
                continue;
            }

            if (stage > report.Stage)
            {
                report.Stage = stage;
                report.Position = 0;
            }

            await using var stream = await entry.OpenAsync(ct);
            await ImportCsvFileAsync(execution, stage, entry.Name, stream, doneBefore, total, report, ct);
            doneBefore += entry.Length;
        }
    }

    private async Task ImportCsvFileAsync(JobExecution execution, int stage, string fileName, Stream stream, long doneBefore, long total,
        ImportReport report, CancellationToken ct)
    {
        var counting = new CountingStream(stream);
        using var reader = new StreamReader(counting, Encoding.UTF8);
        var csv = new CsvRecordReader(reader);
        if (await csv.ReadAsync(ct) is not { } header) return;
        var required = stage switch { 0 => new[] { "goalType", "title" }, _ => ["goalId", "information"] };
        foreach (var column in required)
        {
            if (!header.Contains(column)) throw new ImportFormatException(1, $"{fileName} has no column {column}.");
        }

        var now = DateTime.UtcNow;
        var chunk = new Chunk();
        long index = 0;
        while (await csv.ReadAsync(ct) is { } record)
        {
            if (index++ < report.Position) continue;
            var line = csv.Row;
            var fields = header.Select((h, i) => (h, i)).ToDictionary(c => c.h, c => c.i < record.Length ? record[c.i] : null, StringComparer.Ordinal);
            var sourceId = fields.GetValueOrDefault("id");
            chunk.Records.Add((line, fields, ImportRules.RowKey(sourceId, $"{fileName}:{string.Join('\u001f', record)}")));
            if (chunk.Records.Count >= options.ChunkRows)
            {
                await CommitCsvAsync(execution, stage, fileName, chunk, report, index, new JobProgress(doneBefore + counting.BytesRead, total), now, ct);
                chunk = new Chunk();
            }
        }

        await CommitCsvAsync(execution, stage, fileName, chunk, report, index, new JobProgress(doneBefore + counting.BytesRead, total), now, ct);
    }

    /// <summary>Checks a CSV chunk's records with the mutations' rules (whether a task's or note's goal exists is decided in the chunk's transaction) and commits it.</summary>
    private async Task CommitCsvAsync(JobExecution execution, int stage, string fileName, Chunk chunk, ImportReport report, long position,
        JobProgress progress, DateTime now, CancellationToken ct)
    {
        var studentId = execution.StudentId;
        var label = fileName + ": ";
        foreach (var (line, fields, key) in chunk.Records)
        {
            try
            {
                if (stage == 0)
                {
                    chunk.Goals.Add(new(ImportRules.Goal(studentId, key, fields, now), line, label));
                    continue;
                }

                var sourceGoalId = fields.GetValueOrDefault("goalId");
                var orphan = $"goalId {sourceGoalId} names no imported goal (missing or rejected in goals.csv).";
                if (string.IsNullOrWhiteSpace(sourceGoalId)) throw new ImportRowException(orphan);
                var goalId = ImportRules.DeriveId(studentId, "goal", ImportRules.RowKey(sourceGoalId, ""));
                if (stage == 1)
                {
                    var taskPosition = int.TryParse(fields.GetValueOrDefault("position"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : line;
                    chunk.Tasks.Add(new(ImportRules.Task(studentId, goalId, key, taskPosition, fields, now), line, label, orphan));
                }
                else
                {
                    chunk.Notes.Add(new(ImportRules.Note(studentId, goalId, key, fields, now), line, label, orphan));
                }
            }
            catch (Exception e) when (ImportRules.Violation(e) is { } message)
            {
                chunk.Rejections.Add((line, label + message));
            }
        }

        await CommitAsync(execution, chunk, report, position, progress, ct);
    }

    /// <summary>
    /// One chunk transaction: read what the database has (<see cref="StudentDataRepository.ImportStateAsync"/>), apply the
    /// limits (<see cref="ImportLimits"/>), insert what is new, and move the checkpoint to <paramref name="position"/> with
    /// the report. The report is only changed once the chunk committed; a retried transaction starts from the candidates again.
    /// </summary>
    private async Task CommitAsync(JobExecution execution, Chunk chunk, ImportReport report, long position, JobProgress progress, CancellationToken ct)
    {
        var studentId = execution.StudentId;
        var outcome = await execution.RunChunkAsync(async (session, c) =>
        {
            var selection = new ImportSelection();
            if (chunk.Rows > 0)
            {
                Guid[] parents = [.. chunk.Tasks.Select(t => t.Row.GoalId).Concat(chunk.Notes.Select(n => n.Row.GoalId)).Distinct()];
                var state = await data.ImportStateAsync(session, studentId, chunk.Goals.Count > 0, [], [], [], parents, c);
                selection = ImportLimits.Select(state, limits, chunk.Goals, chunk.Tasks, chunk.Notes);
                if (selection.LimitReached)
                {
                    state = await data.ImportStateAsync(session, studentId, chunk.Goals.Count > 0, [.. chunk.Goals.Select(g => g.Row.Id)], [.. chunk.Tasks.Select(t => t.Row.Id)],
                        [.. chunk.Notes.Select(n => n.Row.Id)], parents, c);
                    selection = ImportLimits.Select(state, limits, chunk.Goals, chunk.Tasks, chunk.Notes);
                }
            }

            long inserted = await data.InsertGoalsAsync(session, studentId, selection.NewGoals, c);
            inserted += await data.InsertTasksAsync(session, studentId, selection.NewTasks, c);
            inserted += await data.InsertNotesAsync(session, studentId, selection.NewNotes, c);
            return new ChunkOutcome(inserted, selection.Accepted, [.. chunk.Rejections.Concat(selection.Rejections).OrderBy(r => r.Line)]);
        }, o => JobJson.Serialize(Apply(Copy(report), o, position)), progress, ct);
        Apply(report, outcome, position);
    }

    private sealed record ChunkOutcome(long Imported, long Valid, List<(int Line, string Message)> Rejections);

    private static ImportReport Apply(ImportReport report, ChunkOutcome outcome, long position)
    {
        report.Position = position;
        report.Imported += outcome.Imported;
        report.AlreadyPresent += outcome.Valid - outcome.Imported;
        foreach (var (line, message) in outcome.Rejections) report.Reject(line, message);
        return report;
    }

    private static ImportReport Copy(ImportReport report) => new()
    {
        Stage = report.Stage, Position = report.Position, Imported = report.Imported, AlreadyPresent = report.AlreadyPresent,
        Rejected = report.Rejected, Rows = [.. report.Rows],
    };

    private sealed class Chunk
    {
        public List<ImportCandidate<GoalRow>> Goals { get; } = [];
        public List<ImportCandidate<GoalTaskRow>> Tasks { get; } = [];
        public List<ImportCandidate<GoalNoteRow>> Notes { get; } = [];
        /// <summary>CSV: the records read, checked when the chunk is full.</summary>
        public List<(int Line, Dictionary<string, string?> Fields, string Key)> Records { get; } = [];
        /// <summary>Rows that break a rule of their own (not a limit).</summary>
        public List<(int Line, string Message)> Rejections { get; } = [];

        public int Rows => Goals.Count + Tasks.Count + Notes.Count;
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => Count(await inner.ReadAsync(buffer, ct));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int n)
        {
            BytesRead += n;
            return n;
        }
    }
}
