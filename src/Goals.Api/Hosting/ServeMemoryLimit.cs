using Goals.Api.Configuration;

namespace Goals.Api.Hosting;

/// <summary>
/// Bounds the GC heap of `serve` on a machine that sets no memory limit (no cgroup limit, no DOTNET_GCHeapHardLimit).
/// The GC otherwise sizes itself by the host's memory and keeps what big, abandoned answers made it commit: measured
/// with 1,800 aborted 20,000-goal dashboards at pool 16, 1.7 GB committed for a live heap of 3.5 MB. With a limit it
/// collects instead (the same mechanism Lambda mode uses with the function's memory size).
/// </summary>
public static class ServeMemoryLimit
{
    private const ulong OneMegabyte = 1024 * 1024;

    /// <returns>The limit applied in bytes, or null when the machine already allows less, or it is turned off (0).</returns>
    public static ulong? Apply(ServeOptions options)
    {
        var megabytes = options.MaxHeapMegabytes;
        if (megabytes == 0 || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_GCHeapHardLimit"))) return null;

        var bytes = (ulong)megabytes * OneMegabyte;
        if ((ulong)GC.GetGCMemoryInfo().TotalAvailableMemoryBytes <= bytes) return null;
        AppContext.SetData("GCHeapHardLimit", bytes);
        GC.RefreshMemoryLimit();
        return bytes;
    }
}
