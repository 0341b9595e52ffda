using System.Text.Json;
using Goals.GraphQL.Language;
using Goals.GraphQL.Validation;
using Xunit.Abstractions;

namespace Goals.GraphQL.Tests.Validation;

/// <summary>
/// Differential fuzzing against graphql-js (see fuzz/README.md). The node scripts write random documents with
/// graphql-js's results; these tests compare ours. GOALS_FUZZ_DIR names a folder with larger generated sets; without it
/// the tests generate a fixed-seed set of their own (node and the fuzz folder's npm packages are required).
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    private static readonly Lazy<string> GeneratedDir = new(Generate);

    private static string FuzzFile(string name)
    {
        var dir = Environment.GetEnvironmentVariable("GOALS_FUZZ_DIR");
        if (string.IsNullOrEmpty(dir)) dir = GeneratedDir.Value;
        var path = Path.Combine(dir, name);
        Assert.True(File.Exists(path), $"Fuzz file {path} is missing.");
        return path;
    }

    private static string Generate()
    {
        var scripts = Path.Combine(Differential.OracleCases.RepoRoot, "tests", "Goals.GraphQL.Tests", "Validation", "fuzz");
        Assert.True(Directory.Exists(Path.Combine(scripts, "node_modules", "graphql")),
            $"graphql-js is not installed for the fuzz scripts: run `npm ci` in {scripts} (scripts/setup.sh does).");
        var outDir = Directory.CreateTempSubdirectory("goals-fuzz-").FullName;
        foreach (var (script, count, seed, file) in new[]
                 {
                     ("validation-fuzz.js", 1500, 11, "validation-fuzz.json"),
                     ("parser-fuzz.js", 4000, 12, "parser-fuzz.json"),
                     ("print-fuzz.js", 1000, 13, "print-fuzz.json"),
                 })
        {
            var start = new System.Diagnostics.ProcessStartInfo("node") { WorkingDirectory = scripts, RedirectStandardError = true };
            foreach (var arg in new[] { script, count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                         seed.ToString(System.Globalization.CultureInfo.InvariantCulture), Path.Combine(outDir, file) })
            {
                start.ArgumentList.Add(arg);
            }
            using var process = System.Diagnostics.Process.Start(start)!;
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"node {script} failed: {stderr}");
        }

        return outDir;
    }

    [Fact]
    public void Validation_MatchesGraphQLJs()
    {
        var path = FuzzFile("validation-fuzz.json");
        var mismatches = 0;
        var total = 0;
        foreach (var item in JsonDocument.Parse(File.ReadAllText(path)).RootElement.EnumerateArray())
        {
            total++;
            var query = item.GetProperty("query").GetString()!;
            var expected = item.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();

            // graphql-js throws out of validate() when a subscription's @skip/@include cannot be coerced; we report errors instead.
            if (expected.Count == 1 && expected[0].StartsWith("THROW Argument", StringComparison.Ordinal)) continue;
            List<string> actual;
            try
            {
                actual = DocumentValidator.Validate(HarnessSchema.Schema, Parser.Parse(query))
                    .Select(e => e.Message + " @ " + string.Join(",", (e.Locations ?? []).Select(l => $"{l.Line}:{l.Column}"))).ToList();
            }
            catch (Exception ex)
            {
                actual = ["THROW " + ex.Message];
            }

            if (expected.SequenceEqual(actual)) continue;
            if (++mismatches > 5) continue;
            output.WriteLine("QUERY: " + query);
            foreach (var e in expected.Except(actual)) output.WriteLine("  missing: " + e);
            foreach (var a in actual.Except(expected)) output.WriteLine("  extra:   " + a);
        }

        output.WriteLine($"{mismatches} mismatches of {total}");
        Assert.Equal(0, mismatches);
    }

    [Theory]
    [InlineData("parser-fuzz.json")]
    [InlineData("print-fuzz.json")]
    public void ParseAndPrint_MatchGraphQLJs(string file)
    {
        var path = FuzzFile(file);
        var mismatches = 0;
        var total = 0;
        foreach (var item in JsonDocument.Parse(File.ReadAllText(path)).RootElement.EnumerateArray())
        {
            total++;
            var src = item.GetProperty("src").GetString()!;
            var expected = item.GetProperty("res").GetString()!;
            string actual;
            try
            {
                actual = "PRINT " + Printer.Print(Parser.Parse(src));
            }
            catch (GraphQLSyntaxException ex)
            {
                actual = "ERROR " + ex.Message + " @ " + ex.Line + ":" + ex.Column;
            }

            if (expected == actual) continue;
            if (++mismatches > 5) continue;
            output.WriteLine("SRC: " + JsonSerializer.Serialize(src));
            output.WriteLine("  expected: " + expected);
            output.WriteLine("  actual:   " + actual);
        }

        output.WriteLine($"{mismatches} mismatches of {total}");
        Assert.Equal(0, mismatches);
    }
}
