namespace Goals.Lambda.Hosting;

/// <summary>
/// Tells the GC the function's memory size. Lambda does not enforce it through a cgroup the runtime can see, so .NET
/// would otherwise size its heap by the host's memory and the function is killed instead of collecting. As
/// Amazon.Lambda.RuntimeSupport's LambdaBootstrap.AdjustMemorySettings: AppContext <c>GCHeapHardLimit</c> =
/// <c>AWS_LAMBDA_FUNCTION_MEMORY_SIZE</c> MB, then <see cref="GC.RefreshMemoryLimit"/> (which re-reads it at run time),
/// unless a lower limit is already configured (e.g. <c>DOTNET_GCHeapHardLimit</c>) or
/// <c>AWS_LAMBDA_DOTNET_DISABLE_MEMORY_LIMIT_CHECK=true</c>.
/// </summary>
public static class LambdaMemoryLimit
{
    public const string MemorySizeVariable = "AWS_LAMBDA_FUNCTION_MEMORY_SIZE";
    public const string DisableVariable = "AWS_LAMBDA_DOTNET_DISABLE_MEMORY_LIMIT_CHECK";
    private const ulong OneMegabyte = 1024 * 1024;

    /// <returns>The limit applied in bytes, or null when none was (variable unset or invalid, opted out, or already lower).</returns>
    public static ulong? Apply()
    {
        if (string.Equals(Environment.GetEnvironmentVariable(DisableVariable), "true", StringComparison.OrdinalIgnoreCase)
            || !int.TryParse(Environment.GetEnvironmentVariable(MemorySizeVariable), out var megabytes) || megabytes <= 0)
        {
            return null;
        }

        var bytes = (ulong)megabytes * OneMegabyte;
        if ((ulong)GC.GetGCMemoryInfo().TotalAvailableMemoryBytes < bytes)
        {
            return null;
        }

        AppContext.SetData("GCHeapHardLimit", bytes);
        GC.RefreshMemoryLimit();
        return bytes;
    }
}
