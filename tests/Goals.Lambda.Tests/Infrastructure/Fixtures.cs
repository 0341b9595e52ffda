namespace Goals.Lambda.Tests.Infrastructure;

/// <summary>Shared fixtures live beside the repository root: <c>&lt;repo&gt;/../shared/fixtures</c>.</summary>
internal static class Fixtures
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Root { get; } = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "fixtures"));

    public static string LambdaEvents => Path.Combine(Root, "lambda-events");

    public static byte[] Event(string relativePath) => File.ReadAllBytes(Path.Combine(LambdaEvents, relativePath));

    public static string Text(string relativePath) => File.ReadAllText(Path.Combine(LambdaEvents, relativePath));

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Goals.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root (Goals.slnx) not found above " + AppContext.BaseDirectory);
    }
}
