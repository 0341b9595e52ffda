using System.Text.Json;
using Goals.GraphQL.Language;
using Goals.GraphQL.Validation;
using Xunit.Abstractions;

namespace Goals.GraphQL.Tests.Validation;

/// <summary>
/// Differential fuzzing against graphql-js (see fuzz/README.md). The node scripts write random documents with
/// graphql-js's results; these tests compare ours. They only run when GOALS_FUZZ_DIR names the folder with those files.
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    private static string? FuzzFile(string name)
    {
        var dir = Environment.GetEnvironmentVariable("GOALS_FUZZ_DIR");
        if (string.IsNullOrEmpty(dir)) return null;
        var path = Path.Combine(dir, name);
        return File.Exists(path) ? path : null;
    }

    [Fact]
    public void Validation_MatchesGraphQLJs()
    {
        if (FuzzFile("validation-fuzz.json") is not { } path) return;
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
        if (FuzzFile(file) is not { } path) return;
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
