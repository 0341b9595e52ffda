using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Goals.Api.Cli;
using Goals.Api.Hosting;
using Goals.Api.Tests.Infrastructure;
using Goals.Data;
using Goals.Lambda.Configuration;
using Goals.Local.Cli;
using Goals.Local.Embedded;

namespace Goals.Api.Tests.Lambda;

/// <summary>
/// serverless.template ↔ the app: every variable the template sets is a key the app READS (through
/// <see cref="KnownConfigurationKeys"/> or Goals.Data's equal constants), no key is spelt as a bare literal beside its
/// constant, and every CLI verb the docs mention is one its executable (Goals.Api or Goals.Local) has. (Template-only checks — handlers,
/// parameters, queue — are in Goals.Lambda.Tests; the SAM schema in tests/template/validate.mjs.)
/// </summary>
public sealed partial class DeploymentConsistencyTests
{
    private static readonly string Root = LiveServer.RepositoryRoot;

    /// <summary>Keys the code reads that a deployment never sets (local development, tests, tooling).</summary>
    private static readonly HashSet<string> LocalOnlyKeys =
    [
        "Auth:SigningKey", "Serve:MaxHeapMegabytes", "Cors:Origins", "GraphQL:IdeDirectory", "Migrations:Directory",
        EmbeddedDatabase.DataDirectoryKey, DatabaseConfiguration.ClientCertificateKey, DatabaseConfiguration.ClientKeyKey,
    ];

    private static IReadOnlyList<(string Path, string Text)> Sources { get; } =
        new[] { "src/Goals.Api", "src/Goals.Data", "src/Goals.Local" }
            .SelectMany(dir => Directory.EnumerateFiles(Path.Combine(Root, dir), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(path => (Path.GetRelativePath(Root, path), File.ReadAllText(path)))
            .ToList();

    public static TheoryData<string> TemplateVariables()
    {
        using var template = JsonDocument.Parse(File.ReadAllText(Path.Combine(LiveServer.RepositoryRoot, "serverless.template")));
        var names = new TheoryData<string>();
        var globals = template.RootElement.GetProperty("Globals").GetProperty("Function");
        var functions = template.RootElement.GetProperty("Resources").EnumerateObject()
            .Where(r => r.Value.GetProperty("Type").GetString() == "AWS::Serverless::Function")
            .Select(r => r.Value.GetProperty("Properties"));
        foreach (var properties in functions.Prepend(globals))
        {
            if (!properties.TryGetProperty("Environment", out var environment)) continue;
            foreach (var variable in environment.GetProperty("Variables").EnumerateObject()) names.Add(variable.Name);
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(TemplateVariables))]
    public void Every_template_variable_is_a_key_the_app_reads(string variable)
    {
        var key = KnownConfigurationKeys.All.SingleOrDefault(k => KnownConfigurationKeys.ToEnvironmentVariableName(k) == variable);
        Assert.True(key is not null, $"{variable} is not in KnownConfigurationKeys.");
        Assert.True(IsRead(key!), $"{key} (env {variable}) is set by the template but nothing in src/Goals.Api or src/Goals.Data reads it.");
    }

    [Fact]
    public void Every_known_key_is_read_by_the_app()
    {
        Assert.All(KnownConfigurationKeys.All, key => Assert.True(IsRead(key), $"{key} is listed but never read."));
    }

    [Fact]
    public void Data_layer_constants_equal_the_known_keys()
    {
        Assert.Equal(KnownConfigurationKeys.ConnectionString, DatabaseConfiguration.ConnectionStringKey);
        Assert.Equal(KnownConfigurationKeys.DatabaseRootCertificate, DatabaseConfiguration.RootCertificateKey);
        Assert.Equal(KnownConfigurationKeys.DatabaseApplicationName, DatabaseConfiguration.ApplicationNameKey);
        Assert.Equal(KnownConfigurationKeys.DatabaseMaxPoolSize, DatabaseConfiguration.MaxPoolSizeKey);
        Assert.Equal(KnownConfigurationKeys.DatabaseConnectionLifetime, DatabaseConfiguration.ConnectionLifetimeKey);
        Assert.Equal(KnownConfigurationKeys.DatabaseConnectionIdleLifetime, DatabaseConfiguration.ConnectionIdleLifetimeKey);
        Assert.Equal(KnownConfigurationKeys.DatabaseKeepalive, DatabaseConfiguration.KeepaliveKey);
        Assert.Equal(KnownConfigurationKeys.DatabaseConnectTimeout, DatabaseConfiguration.ConnectTimeoutKey);
    }

    [Fact]
    public void Configuration_keys_in_the_code_are_known_or_local_only_and_known_ones_are_not_spelt_as_literals()
    {
        var literals = Sources
            .SelectMany(s => ConfigKeyLiteral().Matches(s.Text).Select(m => (s.Path, Key: m.Groups[1].Value, Line: LineOf(s.Text, m.Index))))
            .ToList();
        Assert.NotEmpty(literals);

        foreach (var (path, key, line) in literals)
        {
            var known = KnownConfigurationKeys.All.Contains(key);
            Assert.True(known || LocalOnlyKeys.Contains(key), $"{path}: \"{key}\" is neither a KnownConfigurationKeys key nor a local-only key.");
            if (known)
            {
                // The one allowed spelling outside KnownConfigurationKeys: Goals.Data's constant of the same value.
                Assert.True(line.Contains("const string", StringComparison.Ordinal) && path.EndsWith("DatabaseConfiguration.cs", StringComparison.Ordinal),
                    $"{path}: \"{key}\" should be read through KnownConfigurationKeys (or DatabaseConfiguration): {line.Trim()}");
            }
        }
    }

    [Fact]
    public void Every_cli_verb_the_docs_and_template_mention_is_one_its_executable_has()
    {
        var verbs = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal)
        {
            ["Api"] = ApiCommandLine.Build([]).Subcommands.Select(c => c.Name).ToHashSet(StringComparer.Ordinal),
            ["Local"] = LocalCommandLine.Build([]).Subcommands.Select(c => c.Name).ToHashSet(StringComparer.Ordinal),
        };
        Assert.Equal(["migrate"], verbs["Api"]);
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

    private static bool IsRead(string key)
    {
        // GraphQL:* keys are bound to GraphQLSettings from the section KnownConfigurationKeys.GraphQLSection.
        if (key.StartsWith(KnownConfigurationKeys.GraphQLSection + ":", StringComparison.Ordinal))
        {
            var property = typeof(GraphQLSettings).GetProperty(key[(KnownConfigurationKeys.GraphQLSection.Length + 1)..], BindingFlags.Public | BindingFlags.Instance);
            return property is { CanWrite: true }
                && Sources.Any(s => s.Text.Contains("GetSection(KnownConfigurationKeys.GraphQLSection).Get<GraphQLSettings>()", StringComparison.Ordinal));
        }

        var constant = typeof(KnownConfigurationKeys).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Single(f => f.IsLiteral && (string?)f.GetRawConstantValue() == key).Name;
        var dataConstant = typeof(DatabaseConfiguration).GetFields(BindingFlags.Public | BindingFlags.Static)
            .SingleOrDefault(f => f.IsLiteral && (string?)f.GetRawConstantValue() == key)?.Name;
        var readers = new List<string> { $"[KnownConfigurationKeys.{constant}]" };
        if (dataConstant is not null)
        {
            readers.Add($"[DatabaseConfiguration.{dataConstant}]");
            readers.Add($"configuration[{dataConstant}]"); // inside DatabaseConfiguration itself
        }

        return Sources.Any(s => readers.Any(r => s.Text.Contains(r, StringComparison.Ordinal)));
    }

    private static string LineOf(string text, int index)
    {
        var start = text.LastIndexOf('\n', index) + 1;
        var end = text.IndexOf('\n', index);
        return text[start..(end < 0 ? text.Length : end)];
    }

    [GeneratedRegex("\"((?:ConnectionStrings|Database|Auth|GraphQL|Jobs|Cors|Migrations):[A-Za-z]+)\"")]
    private static partial Regex ConfigKeyLiteral();

    [GeneratedRegex(@"(?:Goals\.(?<exe>Api|Local)\.dll|/bootstrap|--project src/Goals\.(?<exe>Api|Local)(?: --no-build)? --) (?<verb>[a-z]+)\b")]
    private static partial Regex VerbMention();

    [GeneratedRegex(@"^\| `([a-z]+)[ `]", RegexOptions.Multiline)]
    private static partial Regex VerbTableRow();
}
