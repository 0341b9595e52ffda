using System.Text.RegularExpressions;
using Goals.Api.Tests.Infrastructure;

namespace Goals.Api.Tests.Lambda;

/// <summary>
/// serverless.template and the docs ↔ the CLI: every verb they mention is one CliDispatcher dispatches. (The template's
/// environment against the options classes: Configuration/DeploymentConfigurationTests; template-only checks —
/// handlers, parameters, queue — in Goals.Lambda.Tests; the SAM schema in tests/template/validate.mjs.)
/// </summary>
public sealed partial class DeploymentConsistencyTests
{
    private static readonly string Root = LiveServer.RepositoryRoot;

    [Fact]
    public void Every_cli_verb_the_docs_and_template_mention_is_dispatched()
    {
        var dispatcher = File.ReadAllText(Path.Combine(Root, "src/Goals.Api/Cli/CliDispatcher.cs"));
        var dispatched = DispatchArm().Matches(dispatcher).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string> { "serve", "migrate", "token", "seed", "worker" }, dispatched);

        var documents = new[] { "README.md", "src/Goals.Api/README.md", "src/Goals.Lambda/README.md", "serverless.template", "bench/coldstart/README.md" }
            .Where(p => File.Exists(Path.Combine(Root, p)))
            .ToDictionary(p => p, p => File.ReadAllText(Path.Combine(Root, p)));
        var mentioned = new List<(string Document, string Verb)>();
        foreach (var (document, text) in documents)
        {
            mentioned.AddRange(VerbMention().Matches(text).Select(m => (document, m.Groups[1].Value)));
        }

        // The verb table of src/Goals.Api/README.md: | `verb ...` | ...
        var table = documents["src/Goals.Api/README.md"];
        var section = table[table.IndexOf("## Verbs", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        mentioned.AddRange(VerbTableRow().Matches(section).Select(m => ("src/Goals.Api/README.md (verb table)", m.Groups[1].Value)));

        Assert.Contains(mentioned, m => m.Verb == "token");
        Assert.All(mentioned, m => Assert.True(dispatched.Contains(m.Verb), $"{m.Document} mentions the verb '{m.Verb}' that CliDispatcher does not dispatch."));
    }

    [GeneratedRegex("\"([a-z]+)\"(?: or \"[^\"]+\")* =>")]
    private static partial Regex DispatchArm();

    [GeneratedRegex(@"(?:Goals\.Api\.dll|/bootstrap|--project src/Goals\.Api(?: --no-build)? --|dotnet run --project src/Goals\.Api --) ([a-z]+)\b")]
    private static partial Regex VerbMention();

    [GeneratedRegex(@"^\| `([a-z]+)[ `]", RegexOptions.Multiline)]
    private static partial Regex VerbTableRow();
}
