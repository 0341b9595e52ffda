using System.Collections.Concurrent;
using System.Diagnostics;

namespace Goals.Local.Embedded;

/// <summary>
/// Runs PostgreSQL tools as an unprivileged user when we are root (initdb/postgres refuse root),
/// and launches the server so that it dies with this process.
/// </summary>
internal static class ServerProcesses
{
    public const string ServiceUser = "postgres";
    private const string SetPriv = "/usr/bin/setpriv";

    public static bool RunningAsRoot => Environment.IsPrivilegedProcess;

    public static bool CanTieLifetimeToParent => File.Exists(SetPriv);

    /// <summary>
    /// Builds a start info that runs <paramref name="executable"/> as the service user when root.
    /// With <paramref name="dieWithParent"/>, setpriv sets PR_SET_PDEATHSIG so the kernel sends
    /// SIGINT (PostgreSQL "fast shutdown") when the launching thread/process dies, even on kill -9.
    /// setpriv execs the target, so the started process IS the postmaster (same pid).
    /// </summary>
    public static ProcessStartInfo StartInfo(string executable, IEnumerable<string> arguments, bool dieWithParent)
    {
        var usesSetPriv = File.Exists(SetPriv) && (RunningAsRoot || dieWithParent);
        var info = new ProcessStartInfo(usesSetPriv ? SetPriv : executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
        };
        if (usesSetPriv)
        {
            if (RunningAsRoot)
            {
                info.ArgumentList.Add($"--reuid={ServiceUser}");
                info.ArgumentList.Add($"--regid={ServiceUser}");
                info.ArgumentList.Add("--init-groups");
            }
            if (dieWithParent)
            {
                info.ArgumentList.Add("--pdeathsig=INT");
            }
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(executable);
        }
        else if (RunningAsRoot)
        {
            throw new InvalidOperationException($"Running as root requires {SetPriv} (util-linux) to start PostgreSQL as '{ServiceUser}'.");
        }
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["LC_ALL"] = "C";
        info.Environment.Remove("PGDATA");
        return info;
    }

    /// <summary>Runs a tool to completion; throws with its output on a non-zero exit.</summary>
    public static async Task<string> RunToCompletionAsync(string executable, IEnumerable<string> arguments, CancellationToken ct)
    {
        using var process = Process.Start(StartInfo(executable, arguments, dieWithParent: false))
            ?? throw new InvalidOperationException($"Could not start {executable}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var output = (await stdout) + (await stderr);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(executable)} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}:\n{output}");
        }
        return output;
    }

    /// <summary>Gives a directory tree to the service user when we are root.</summary>
    public static async Task GiveToServiceUserAsync(string path, CancellationToken ct)
    {
        if (!RunningAsRoot)
        {
            return;
        }
        using var chown = Process.Start(new ProcessStartInfo("chown", ["-R", $"{ServiceUser}:{ServiceUser}", path]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("Could not start chown.");
        await chown.WaitForExitAsync(ct);
        if (chown.ExitCode != 0)
        {
            throw new InvalidOperationException($"chown -R {ServiceUser} {path} failed with exit code {chown.ExitCode}.");
        }
    }

    /// <summary>
    /// PR_SET_PDEATHSIG fires when the *thread* that forked the child exits, not the process.
    /// Thread-pool threads come and go, so servers are forked from this one thread that lives
    /// exactly as long as the process.
    /// </summary>
    public static Task<Process> StartFromLongLivedThreadAsync(ProcessStartInfo info) => Launcher.Instance.StartAsync(info);

    public static bool IsAlive(int pid, string? expectedCommand = null)
    {
        try
        {
            var comm = File.ReadAllText($"/proc/{pid}/comm").Trim();
            return expectedCommand is null || comm == expectedCommand;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>Process start time (clock ticks since boot), to tell a live owner from a reused pid.</summary>
    public static long? StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Field 2 (comm) may contain spaces; fields after the closing ')' are space separated.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[19], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private sealed class Launcher
    {
        public static readonly Launcher Instance = new();
        private readonly BlockingCollection<(ProcessStartInfo Info, TaskCompletionSource<Process> Started)> _queue = [];

        private Launcher()
        {
            var thread = new Thread(Run) { IsBackground = true, Name = "private-postgres-launcher" };
            thread.Start();
        }

        public Task<Process> StartAsync(ProcessStartInfo info)
        {
            var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
            _queue.Add((info, started));
            return started.Task;
        }

        private void Run()
        {
            foreach (var (info, started) in _queue.GetConsumingEnumerable())
            {
                try
                {
                    started.SetResult(Process.Start(info) ?? throw new InvalidOperationException($"Could not start {info.FileName}."));
                }
                catch (Exception e)
                {
                    started.SetException(e);
                }
            }
        }
    }
}
