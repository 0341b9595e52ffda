namespace Goals.Data;

/// <summary>Where a local run finds the repository (the private PostgreSQL's and the job files' default directories).</summary>
public static class DatabaseConfiguration
{
    /// <summary>The repository root (directory holding Goals.slnx), searched upwards from the working and app directories.</summary>
    public static string? FindRepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Goals.slnx")))
                {
                    return dir.FullName;
                }
            }
        }
        return null;
    }
}
