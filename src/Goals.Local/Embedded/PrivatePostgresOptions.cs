namespace Goals.Local.Embedded;

public sealed record PrivatePostgresOptions
{
    /// <summary>Cluster directory. Null: a throwaway directory under <see cref="ThrowawayRoot"/>, deleted on dispose.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Database created (if missing) after start; <see cref="PrivatePostgres.ConnectionString"/> points at it.</summary>
    public string DatabaseName { get; init; } = "goals";

    /// <summary>Trade durability for speed (fsync, synchronous_commit, full_page_writes off). Default on for throwaway clusters.</summary>
    public bool? FastUnsafeSettings { get; init; }

    public int MaxConnections { get; init; } = 200;

    /// <summary>Extra server settings (<c>-c name=value</c>), e.g. <c>shared_preload_libraries</c> for a benchmark.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Parent of throwaway clusters; short, so paths stay well under socket/path limits.</summary>
    public static string ThrowawayRoot => Path.Combine(Path.GetTempPath(), "goals-pg");
}
