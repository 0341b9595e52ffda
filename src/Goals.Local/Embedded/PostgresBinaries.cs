namespace Goals.Local.Embedded;

/// <summary>Locates the PostgreSQL server binaries (initdb, pg_ctl, postgres) on this machine.</summary>
public sealed record PostgresBinaries(string BinDirectory)
{
    public string InitDb => Path.Combine(BinDirectory, "initdb");
    public string PgCtl => Path.Combine(BinDirectory, "pg_ctl");
    public string Postgres => Path.Combine(BinDirectory, "postgres");

    /// <summary>PATH first, then the highest /usr/lib/postgresql/*/bin (Debian layout).</summary>
    public static PostgresBinaries Find()
    {
        var fromPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(HasAllBinaries);
        if (fromPath is not null)
        {
            return new PostgresBinaries(ResolveSymlinkedDirectory(fromPath));
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var best = Directory.GetDirectories(debianRoot)
                .Select(dir => (dir, version: decimal.TryParse(Path.GetFileName(dir), System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(x => x.version >= 0 && HasAllBinaries(Path.Combine(x.dir, "bin")))
                .OrderByDescending(x => x.version)
                .Select(x => Path.Combine(x.dir, "bin"))
                .FirstOrDefault();
            if (best is not null)
            {
                return new PostgresBinaries(best);
            }
        }

        throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found on PATH nor in /usr/lib/postgresql/*/bin. " +
            "Install them (Debian: apt-get install postgresql) or set ConnectionStrings__Goals to an existing database.");
    }

    private static bool HasAllBinaries(string dir) =>
        File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "postgres"));

    // /usr/local/bin/postgres may be a symlink into /usr/lib/postgresql/15/bin; postgres finds its
    // share/lib files relative to its real location, so use the real directory.
    private static string ResolveSymlinkedDirectory(string dir)
    {
        var target = new FileInfo(Path.Combine(dir, "postgres")).ResolveLinkTarget(returnFinalTarget: true);
        return target is null ? dir : Path.GetDirectoryName(target.FullName) ?? dir;
    }
}
