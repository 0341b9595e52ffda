using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Goals.Lambda.Tests.Infrastructure;

namespace Goals.Lambda.Tests.Template;

/// <summary>
/// scripts/package-lambda.sh refuses, before building anything, a package that would fail every cold start; the package
/// it builds holds no local-only or test code, and its check (scripts/check-lambda-package.sh) fails one that does.
/// </summary>
[Collection(PackageLambdaCollection.Name)]
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
    public async Task Self_contained_is_still_accepted_as_the_name_of_the_ready_to_run_mode()
    {
        // An unknown argument exits 2 before the CA check; an accepted mode reaches it and is refused with 1.
        var (exitCode, stderr) = await RunAsync("--self-contained", "--ca-certificate", Path.Combine(_outDirectory, "missing.crt"));

        Assert.Equal(1, exitCode);
        Assert.Contains("refusing to package without the database CA certificate", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Native_AOT_is_the_default_mode()
    {
        // Only the AOT mode refuses another architecture than the host's, before building: no mode given, same refusal.
        var (exitCode, stderr) = await RunAsync("--arch", OtherArchitecture, "--without-ca-certificate");

        Assert.Equal(2, exitCode);
        Assert.Contains("--aot builds for the host's architecture only", stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(_outDirectory, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Unknown_architecture_is_refused()
    {
        var (exitCode, stderr) = await RunAsync("--arch", "amd64", "--without-ca-certificate");

        Assert.Equal(2, exitCode);
        Assert.Contains("x86_64 or arm64", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Native_AOT_for_another_architecture_than_the_hosts_is_refused_before_building()
    {
        var (exitCode, stderr) = await RunAsync("--aot", "--arch", OtherArchitecture, "--without-ca-certificate");

        Assert.Equal(2, exitCode);
        Assert.Contains("--aot builds for the host's architecture only", stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(_outDirectory, "*", SearchOption.AllDirectories));
    }

    /// <summary>Framework-dependent: the same app assemblies as the ReadyToRun package (which adds only the .NET runtime),
    /// at a fraction of the zipping; it never becomes the template's lambda.zip.</summary>
    [Fact]
    public async Task The_package_holds_no_local_only_or_test_code()
    {
        var (exitCode, stdout, stderr) = await RunScriptAsync("package-lambda.sh", TimeSpan.FromMinutes(10),
            "--out", _outDirectory, "--framework-dependent", "--without-ca-certificate");

        Assert.True(exitCode == 0, $"package-lambda.sh exited {exitCode}:\n{stdout}\n{stderr}");
        Assert.Contains("check-lambda-package: clean", stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_outDirectory, "lambda.zip")), "the framework-dependent package became lambda.zip");
        using var zip = ZipFile.OpenRead(Path.Combine(_outDirectory, "lambda-fd.zip"));
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("Goals.Api.dll", names);
        Assert.Contains("Goals.Data.dll", names);
        Assert.DoesNotContain(names, n => n.StartsWith("Goals.Local.", StringComparison.Ordinal) || n.StartsWith("ide/", StringComparison.Ordinal)
            || n.Contains(".Tests.", StringComparison.Ordinal) || n.StartsWith("xunit", StringComparison.OrdinalIgnoreCase)
            || n.StartsWith("Microsoft.Playwright", StringComparison.Ordinal) || n == "appsettings.Development.json");
        var assemblies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("Goals.", StringComparison.Ordinal) && e.FullName.EndsWith(".dll", StringComparison.Ordinal)))
        {
            using var stream = entry.Open();
            using var bytes = new MemoryStream();
            await stream.CopyToAsync(bytes);
            assemblies[entry.FullName] = Encoding.Latin1.GetString(bytes.ToArray());
        }

        Assert.Contains("GoalsApp", assemblies["Goals.Api.dll"], StringComparison.Ordinal); // type names are there to be found
        foreach (var (assembly, text) in assemblies)
        {
            foreach (var type in new[] { "PrivatePostgres", "SharedDatabaseServer", "EmbeddedDatabase", "IdeAssets", "RecordingTransactionObserver", "DevelopmentTokens" })
                Assert.False(text.Contains(type, StringComparison.Ordinal), $"{assembly} holds the local-only type name {type}");
        }
    }

    [Fact]
    public async Task The_package_check_names_every_local_only_or_test_file_it_finds()
    {
        var package = Directory.CreateDirectory(Path.Combine(_outDirectory, "package")).FullName;
        await File.WriteAllTextAsync(Path.Combine(package, "Goals.Api.dll"), "MZ ... Goals.Local.Embedded.PrivatePostgres ...");
        await File.WriteAllTextAsync(Path.Combine(package, "Goals.Local.dll"), "MZ");
        await File.WriteAllTextAsync(Path.Combine(package, "xunit.core.dll"), "MZ");
        Directory.CreateDirectory(Path.Combine(package, "ide"));
        await File.WriteAllTextAsync(Path.Combine(package, "ide", "index.html"), "<html></html>");

        var (exitCode, _, stderr) = await RunScriptAsync("check-lambda-package.sh", TimeSpan.FromSeconds(60), package);

        Assert.Equal(1, exitCode);
        Assert.Contains("Goals.Api.dll: contains 'PrivatePostgres'", stderr, StringComparison.Ordinal);
        Assert.Contains("Goals.Local.dll: a local-only or test file", stderr, StringComparison.Ordinal);
        Assert.Contains("xunit.core.dll: a local-only or test file", stderr, StringComparison.Ordinal);
        Assert.Contains("ide/index.html: the GraphQL IDE's assets", stderr, StringComparison.Ordinal);

        File.Delete(Path.Combine(package, "Goals.Local.dll"));
        File.Delete(Path.Combine(package, "xunit.core.dll"));
        Directory.Delete(Path.Combine(package, "ide"), recursive: true);
        await File.WriteAllTextAsync(Path.Combine(package, "Goals.Api.dll"), "MZ ... Goals.Api.Hosting.GoalsApp ...");
        Assert.Equal(0, (await RunScriptAsync("check-lambda-package.sh", TimeSpan.FromSeconds(60), package)).ExitCode);
    }

    public void Dispose() => Directory.Delete(_outDirectory, recursive: true);

    private static string OtherArchitecture =>
        System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "x86_64" : "arm64";

    private async Task<(int ExitCode, string Stderr)> RunAsync(params string[] arguments)
    {
        var (exitCode, _, stderr) = await RunScriptAsync("package-lambda.sh", TimeSpan.FromSeconds(60), ["--out", _outDirectory, .. arguments]);
        return (exitCode, stderr);
    }

    internal static async Task<(int ExitCode, string Stdout, string Stderr)> RunScriptAsync(string script, TimeSpan timeout, params string[] arguments)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(Fixtures.RepositoryRoot, "scripts", script));
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(timeout);
        return (process.ExitCode, await stdout, await stderr);
    }
}
