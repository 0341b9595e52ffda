namespace Goals.Data.Migrations;

/// <summary>Where migrations come from: the copies embedded in Goals.Data (default) or a directory such as schema/migrations.</summary>
public static class MigrationSource
{
    private const string ResourcePrefix = "Goals.Data.Migrations.";

    private const string MultiRegionPrefix = "Goals.Data.MultiRegionMigrations.";

    public static IReadOnlyList<Migration> Embedded() => EmbeddedWithPrefix(ResourcePrefix);

    /// <summary>schema/migrations/multi-region: only for a multi-region CockroachDB (see <see cref="MultiRegionMigration"/>).</summary>
    public static IReadOnlyList<Migration> EmbeddedMultiRegion() => EmbeddedWithPrefix(MultiRegionPrefix);

    private static List<Migration> EmbeddedWithPrefix(string prefix)
    {
        var assembly = typeof(MigrationSource).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(Create(resource[prefix.Length..], reader.ReadToEnd()));
        }
        return Ordered(migrations);
    }

    public static IReadOnlyList<Migration> FromDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Migrations directory '{directory}' does not exist.");
        }
        return Ordered(Directory.GetFiles(directory, "*.sql").Select(path => Create(Path.GetFileName(path), File.ReadAllText(path))).ToList());
    }

    private static Migration Create(string fileName, string sql) =>
        Migration.TryParseFileName(fileName, out var version, out var name)
            ? new Migration(version, name, sql)
            : throw new InvalidOperationException($"Migration file '{fileName}' must be named NNNN_name.sql.");

    private static List<Migration> Ordered(List<Migration> migrations)
    {
        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two migration files share version {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Name))}.");
        }
        return migrations.OrderBy(m => m.Version).ToList();
    }
}
