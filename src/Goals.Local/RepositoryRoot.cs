namespace Goals.Local;

/// <summary>The repository a local run starts from: where .data/ (the private PostgreSQL, job files) and the IDE's npm install live.</summary>
public static class RepositoryRoot
{
    /// <summary>The directory holding Goals.slnx, searched upwards from the working and app directories; null outside a checkout.</summary>
    public static string? Find()
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
