using System.Diagnostics;
using Goals.Lambda.Tests.Infrastructure;

namespace Goals.Lambda.Tests.Template;

/// <summary>scripts/package-lambda.sh refuses, before building anything, a package that would fail every cold start.</summary>
public sealed class PackageScriptTests : IDisposable
{
    private readonly string _outDirectory = Directory.CreateTempSubdirectory("goals-package-").FullName;

    [Fact]
    public async Task Missing_database_CA_certificate_is_refused()
    {
        var (exitCode, stderr) = await RunAsync("--ca-certificate", Path.Combine(_outDirectory, "missing.crt"));

        Assert.Equal(1, exitCode);
        Assert.Contains("refusing to package without the database CA certificate", stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_outDirectory));
    }

    [Fact]
    public async Task File_that_is_not_a_PEM_certificate_is_refused()
    {
        var notACertificate = Path.Combine(_outDirectory, "root.crt");
        await File.WriteAllTextAsync(notACertificate, "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");

        var (exitCode, stderr) = await RunAsync("--ca-certificate", notACertificate);

        Assert.Equal(1, exitCode);
        Assert.Contains("is not a PEM certificate", stderr, StringComparison.Ordinal);
        Assert.Equal([notACertificate], Directory.EnumerateFileSystemEntries(_outDirectory));
    }

    [Fact]
    public async Task Unknown_architecture_is_refused()
    {
        var (exitCode, stderr) = await RunAsync("--arch", "amd64", "--without-ca-certificate");

        Assert.Equal(2, exitCode);
        Assert.Contains("x86_64 or arm64", stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_outDirectory, recursive: true);

    private async Task<(int ExitCode, string Stderr)> RunAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(Fixtures.RepositoryRoot, "scripts", "package-lambda.sh"));
        info.ArgumentList.Add("--out");
        info.ArgumentList.Add(_outDirectory);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stderr);
    }
}
