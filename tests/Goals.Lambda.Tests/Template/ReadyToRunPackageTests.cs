using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Goals.Lambda.Tests.Template;

/// <summary>The package script's publishes take a minute or more each and both cores: never two at once.</summary>
[CollectionDefinition(Name)]
public sealed class PackageLambdaCollection
{
    public const string Name = "package-lambda.sh publishes";
}

/// <summary>
/// serverless.template's CodeUri is artifacts/lambda.zip; package-lambda.sh selects the package by copying a deployable
/// zip there. Checked on the ReadyToRun mode (the AOT publish is scripts/test.sh's own step): built with a CA
/// certificate it becomes lambda.zip, built without one it never does.
/// </summary>
[Collection(PackageLambdaCollection.Name)]
public sealed class ReadyToRunPackageTests(ReadyToRunPackageTests.Packages packages) : IClassFixture<ReadyToRunPackageTests.Packages>
{
    private const int Mode755 = 0b111_101_101; // rwxr-xr-x

    [Fact]
    public void Built_without_a_CA_certificate_it_is_lambda_r2r_zip_and_no_lambda_zip()
    {
        var run = packages.WithoutCertificate;

        Assert.True(run.ExitCode == 0, $"package-lambda.sh exited {run.ExitCode}:\n{run.Stdout}\n{run.Stderr}");
        Assert.True(run.ReadyToRunZipWritten, "lambda-r2r.zip was not written");
        Assert.False(run.CodeUriZipWritten, "a package without the database CA became lambda.zip");
        Assert.Contains("bootstrap", run.ReadyToRunEntries);
        Assert.DoesNotContain("certs/cockroachdb-root.crt", run.ReadyToRunEntries);
        Assert.Contains("lambda.zip (serverless.template's CodeUri) was not written or replaced", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("now holds", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Built_with_a_CA_certificate_lambda_zip_is_a_byte_identical_copy_with_an_executable_bootstrap()
    {
        var run = packages.WithCertificate;
        var readyToRunZip = Path.Combine(packages.OutDirectory, "lambda-r2r.zip");
        var codeUriZip = Path.Combine(packages.OutDirectory, "lambda.zip");

        Assert.True(run.ExitCode == 0, $"package-lambda.sh exited {run.ExitCode}:\n{run.Stdout}\n{run.Stderr}");
        Assert.Contains("CodeUri", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("now holds the ready-to-run package", run.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(readyToRunZip), "lambda-r2r.zip was not written");
        Assert.True(File.Exists(codeUriZip), "lambda.zip was not written");
        var expected = await File.ReadAllBytesAsync(readyToRunZip);
        var actual = await File.ReadAllBytesAsync(codeUriZip);
        Assert.True(expected.AsSpan().SequenceEqual(actual), $"lambda.zip ({actual.Length} bytes) differs from lambda-r2r.zip ({expected.Length} bytes)");

        using var zip = ZipFile.OpenRead(codeUriZip);
        var bootstrap = zip.GetEntry("bootstrap");
        Assert.NotNull(bootstrap);
        Assert.Equal(Convert.ToString(Mode755, 8), Convert.ToString((bootstrap.ExternalAttributes >> 16) & 0b111_111_111, 8));
        Assert.NotNull(zip.GetEntry("Goals.Api.dll"));
        var certificate = zip.GetEntry("certs/cockroachdb-root.crt");
        Assert.NotNull(certificate);
        using var reader = new StreamReader(certificate.Open());
        Assert.Equal(packages.CertificatePem, await reader.ReadToEndAsync());
    }

    /// <summary>What one package run left behind, read before the next run replaces lambda-r2r.zip.</summary>
    public sealed record Run(int ExitCode, string Stdout, string Stderr, bool ReadyToRunZipWritten, bool CodeUriZipWritten, IReadOnlyList<string> ReadyToRunEntries);

    /// <summary>Two ReadyToRun publishes into one fresh folder, shared by the tests: first without, then with a CA certificate.</summary>
    public sealed class Packages : IAsyncLifetime
    {
        public string OutDirectory { get; } = Directory.CreateTempSubdirectory("goals-package-r2r-").FullName;

        public string CertificatePem { get; private set; } = "";

        public Run WithoutCertificate { get; private set; } = null!;

        public Run WithCertificate { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            // A self-signed CA like a cluster's: what the script checks with `openssl x509` and copies into the package.
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=Goals test cluster CA", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
            using var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            CertificatePem = ca.ExportCertificatePem() + "\n";
            var certificateDirectory = Directory.CreateDirectory(Path.Combine(OutDirectory, "ca")).FullName;
            var certificatePath = Path.Combine(certificateDirectory, "root.crt");
            await File.WriteAllTextAsync(certificatePath, CertificatePem);

            WithoutCertificate = await PackageAsync("--without-ca-certificate");
            WithCertificate = await PackageAsync("--ca-certificate", certificatePath);
        }

        public Task DisposeAsync()
        {
            Directory.Delete(OutDirectory, recursive: true);
            return Task.CompletedTask;
        }

        private async Task<Run> PackageAsync(params string[] arguments)
        {
            var (exitCode, stdout, stderr) = await PackageScriptTests.RunScriptAsync("package-lambda.sh", TimeSpan.FromMinutes(10),
                ["--out", OutDirectory, "--ready-to-run", .. arguments]);
            var readyToRunZip = Path.Combine(OutDirectory, "lambda-r2r.zip");
            IReadOnlyList<string> entries = [];
            if (File.Exists(readyToRunZip))
            {
                using var zip = ZipFile.OpenRead(readyToRunZip);
                entries = zip.Entries.Select(e => e.FullName).ToList();
            }

            return new Run(exitCode, stdout, stderr, File.Exists(readyToRunZip), File.Exists(Path.Combine(OutDirectory, "lambda.zip")), entries);
        }
    }
}
