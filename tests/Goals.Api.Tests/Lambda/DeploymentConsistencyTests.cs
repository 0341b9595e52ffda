using System.Text.RegularExpressions;
using Goals.Api.Cli;
using Goals.Api.Tests.Infrastructure;
using Goals.Local.Cli;

namespace Goals.Api.Tests.Lambda;

/// <summary>
/// serverless.template and the docs ↔ the CLI: every verb they mention is one its executable (Goals.Api or Goals.Local) has.
/// (The template's environment against the options classes: Configuration/DeploymentConfigurationTests; template-only checks —
/// handlers, parameters, queue — in Goals.Lambda.Tests; the SAM schema in tests/template/validate.mjs.)
/// </summary>
public sealed partial class DeploymentConsistencyTests
{
    private static readonly string Root = LiveServer.RepositoryRoot;

    [Fact]
    public void Every_cli_verb_the_docs_and_template_mention_is_one_its_executable_has()
    {
        var verbs = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal)
        {
            ["Api"] = ApiCommandLine.Build([]).Subcommands.Select(c => c.Name).ToHashSet(StringComparer.Ordinal),
            ["Local"] = LocalCommandLine.Build([]).Subcommands.Select(c => c.Name).ToHashSet(StringComparer.Ordinal),
        };
        Assert.Equal(["migrate", "serve"], verbs["Api"].Order(StringComparer.Ordinal));
        Assert.Superset(new HashSet<string> { "serve", "migrate", "token", "seed", "worker" }, verbs["Local"]);

        var documents = new[] { "README.md", "src/Goals.Api/README.md", "src/Goals.Local/README.md", "src/Goals.Lambda/README.md", "serverless.template", "bench/coldstart/README.md" }
            .Where(p => File.Exists(Path.Combine(Root, p)))
            .ToDictionary(p => p, p => File.ReadAllText(Path.Combine(Root, p)));
        var mentioned = new List<(string Document, string Executable, string Verb)>();
        foreach (var (document, text) in documents)
        {
            mentioned.AddRange(VerbMention().Matches(text).Select(m => (document, m.Groups["exe"].Success ? m.Groups["exe"].Value : "Api", m.Groups["verb"].Value)));
        }

        // The verb table of src/Goals.Local/README.md: | `verb ...` | ...
        var table = documents["src/Goals.Local/README.md"];
        var section = table[table.IndexOf("## Verbs", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        mentioned.AddRange(VerbTableRow().Matches(section).Select(m => ("src/Goals.Local/README.md (verb table)", "Local", m.Groups[1].Value)));

        Assert.Contains(mentioned, m => m.Verb == "token");
        Assert.All(mentioned, m => Assert.True(verbs[m.Executable].Contains(m.Verb),
            $"{m.Document} mentions the verb '{m.Verb}' that Goals.{m.Executable} does not have."));
    }

    [GeneratedRegex(@"(?:Goals\.(?<exe>Api|Local)\.dll|/bootstrap|--project src/Goals\.(?<exe>Api|Local)(?: --no-build)? --) (?<verb>[a-z]+)\b")]
    private static partial Regex VerbMention();

    [GeneratedRegex(@"^\| `([a-z]+)[ `]", RegexOptions.Multiline)]
    private static partial Regex VerbTableRow();
}
