using System.Text.Json;
using System.Text.RegularExpressions;

namespace Goals.GraphQL.Tests.Differential;

/// <summary>
/// tests/graphql-oracle/expectations.json (what graphql-js does with every corpus document) and
/// tests/graphql-oracle/KNOWN_DIFFERENCES.md (case id + aspect pairs whose check is skipped on purpose).
/// </summary>
internal static partial class OracleCases
{
    /// <summary>The checks a case can have; KNOWN_DIFFERENCES.md names one of these per row.</summary>
    public static readonly string[] Aspects =
        ["syntax", "syntax-message", "validation", "validation-locations", "validation-message", "data", "errors", "error-message", "repeat", "scalar-value", "scalar-message"];

    private static readonly Lazy<string> LazyRoot = new(FindRepoRoot);
    private static readonly Lazy<JsonDocument> LazyExpectations = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(OracleDir, "expectations.json"))));
    private static readonly Lazy<Dictionary<string, JsonElement>> LazyById = new(() =>
        LazyExpectations.Value.RootElement.GetProperty("cases").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!));
    private static readonly Lazy<Dictionary<string, JsonElement>> LazyScalarsById = new(() =>
        LazyExpectations.Value.RootElement.GetProperty("scalars").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!));
    private static readonly Lazy<HashSet<(string Id, string Aspect)>> LazyKnown = new(LoadKnownDifferences);

    public static string RepoRoot => LazyRoot.Value;
    public static string OracleDir => Path.Combine(RepoRoot, "tests", "graphql-oracle");
    public static JsonElement Root => LazyExpectations.Value.RootElement;
    public static IReadOnlyDictionary<string, JsonElement> ById => LazyById.Value;
    public static IReadOnlyDictionary<string, JsonElement> ScalarsById => LazyScalarsById.Value;
    public static IReadOnlySet<(string Id, string Aspect)> KnownDifferences => LazyKnown.Value;

    public static bool IsKnown(string id, string aspect) => KnownDifferences.Contains((id, aspect));

    /// <summary>Walks up from the test binaries to the directory holding Goals.slnx.</summary>
    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Goals.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Goals.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Rows of the form `| case.id | aspect | reason |`; every other line is prose.</summary>
    private static HashSet<(string, string)> LoadKnownDifferences()
    {
        var set = new HashSet<(string, string)>();
        var path = Path.Combine(OracleDir, "KNOWN_DIFFERENCES.md");
        if (!File.Exists(path)) return set;
        foreach (var line in File.ReadLines(path))
        {
            var m = KnownRow().Match(line);
            if (m.Success) set.Add((m.Groups["id"].Value, m.Groups["aspect"].Value));
        }

        return set;
    }

    [GeneratedRegex(@"^\|\s*`?(?<id>[a-z]+\.[A-Za-z0-9_.-]+)`?\s*\|\s*`?(?<aspect>[a-z-]+)`?\s*\|")]
    private static partial Regex KnownRow();
}
