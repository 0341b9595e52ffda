using System.Diagnostics;

namespace Goals.Api.Tests;

/// <summary>
/// Both built executables' command lines (System.CommandLine): every verb answers `--help` with exit 0 and names its
/// options; an unknown verb, an unknown option or a value out of range is a usage error (exit 2) with the parser's message.
/// </summary>
public sealed class CommandLineTests
{
    public static TheoryData<string, string, string[]> Verbs() => new()
    {
        { "Goals.Api", "migrate", ["--multi-region"] },
        { "Goals.Api", "serve", ["--urls"] },
        { "Goals.Local", "serve", ["--urls"] },
        { "Goals.Local", "migrate", ["--multi-region"] },
        { "Goals.Local", "token", ["--student", "--minutes"] },
        { "Goals.Local", "seed", ["--students", "--goals", "--tasks", "--notes", "--out"] },
        { "Goals.Local", "worker", ["--once"] },
    };

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Every_verb_has_help_that_names_its_options(string executable, string verb, string[] options)
    {
        var (exitCode, stdout, stderr) = await RunAsync(executable, verb, "--help");

        Assert.True(exitCode == 0, $"{executable} {verb} --help exited {exitCode}: {stderr}");
        Assert.Contains($"{executable} {verb} [options]", stdout, StringComparison.Ordinal);
        Assert.All(options.Append("--help"), option => Assert.Contains(option, stdout, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Goals.Api", new[] { "migrate", "serve" })]
    [InlineData("Goals.Local", new[] { "serve", "migrate", "token", "seed", "worker" })]
    public async Task The_executables_help_lists_its_verbs(string executable, string[] verbs)
    {
        var (exitCode, stdout, _) = await RunAsync(executable, "--help");

        Assert.Equal(0, exitCode);
        Assert.All(verbs, verb => Assert.Matches($@"(?m)^\s+{verb}\s", stdout));
    }

    [Theory]
    [InlineData("Goals.Api", new[] { "token" }, "Unrecognized command or argument 'token'.", "See 'Goals.Api --help'.")]
    [InlineData("Goals.Api", new[] { "serve", "--urls" }, "Required argument missing for option: '--urls'.", "See 'Goals.Api serve --help'.")]
    [InlineData("Goals.Local", new[] { "deploy" }, "Unrecognized command or argument 'deploy'.", "See 'Goals.Local --help'.")]
    [InlineData("Goals.Local", new[] { "token", "--days", "3" }, "Unrecognized command or argument '--days'.", "See 'Goals.Local token --help'.")]
    [InlineData("Goals.Local", new[] { "seed", "--students", "0" }, "--students must be a whole number between 1 and 1000000.", "See 'Goals.Local seed --help'.")]
    [InlineData("Goals.Local", new[] { "token", "--student", "not-a-uuid" }, "not-a-uuid", "See 'Goals.Local token --help'.")]
    [InlineData("Goals.Api", new[] { "migrate", "--multi-region", "--force" }, "Unrecognized command or argument '--force'.", "See 'Goals.Api migrate --help'.")]
    public async Task Unknown_verbs_options_and_bad_values_are_usage_errors_with_a_message(string executable, string[] args, string message, string hint)
    {
        var (exitCode, stdout, stderr) = await RunAsync(executable, args);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Contains(hint, stderr, StringComparison.Ordinal);
        Assert.Empty(stdout.Trim());
    }

    [Fact]
    public async Task Api_migrate_without_a_connection_string_fails_closed()
    {
        var (exitCode, stdout, stderr) = await RunAsync("Goals.Api", "migrate");

        Assert.Equal(1, exitCode);
        Assert.Contains("ConnectionStrings:Goals is not set", stdout + stderr, StringComparison.Ordinal);
    }

    /// <summary>`dotnet &lt;executable&gt;.dll args` from the build output beside the tests, outside Lambda, no database configured.</summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string executable, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, executable + ".dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var name in new[] { "AWS_LAMBDA_RUNTIME_API", "ConnectionStrings__Goals", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
            info.Environment.Remove(name);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
