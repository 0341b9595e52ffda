using System.Diagnostics;
using System.Text.Json.Nodes;
using Goals.GraphQL.Execution;
using Goals.GraphQL.Types;
using Goals.GraphQL.Types.Scalars;
using static Goals.GraphQL.Tests.Execution.TestHelpers;

namespace Goals.GraphQL.Tests.Introspection;

public class IntrospectionTests
{
    private static string NodeDir([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.Combine(Path.GetDirectoryName(file)!, "node");

    internal static Schema BuildSchema()
    {
        var sdl = File.ReadAllText(Path.Combine(NodeDir(), "schema.graphql"));
        FieldResolver none = _ => new ValueTask<object?>((object?)null);
        return new SchemaBuilder().AddTypeDefinitions(sdl).AddScalar(new DateTimeScalar())
            .BindDefaultFieldResolver("Query", none).BindDefaultFieldResolver("Mutation", none)
            .BindDefaultFieldResolver("User", none).BindDefaultFieldResolver("Post", none)
            .BindTypeResolver("Node", (_, _) => null).BindTypeResolver("Named", (_, _) => null).BindTypeResolver("SearchResult", (_, _) => null)
            .Build();
    }

    /// <summary>The full introspection query is deep and wide; the abuse limits are the validator's business.</summary>
    private static readonly ExecutorOptions NoLimits = new() { MaxComplexity = null, MaxDepth = null };

    [Fact]
    public async Task IntrospectionQueryResultEqualsGraphQLJs()
    {
        var json = await Run(BuildSchema(), IntrospectionFixtures.Query, options: NoLimits);
        var expected = JsonNode.Parse(IntrospectionFixtures.ExpectedResult)!.ToJsonString();
        Assert.Equal(expected, JsonNode.Parse(json)!.ToJsonString());
    }

    [Fact]
    public async Task BuildClientSchemaAcceptsOurResult()
    {
        var dir = NodeDir();
        if (!Directory.Exists(Path.Combine(dir, "node_modules", "graphql")) &&
            !Directory.Exists(Path.Combine(dir, "..", "..", "..", "graphql-oracle", "node_modules", "graphql")))
        {
            var (code, output) = await Exec("npm", "ci --no-audit --no-fund", dir);
            Assert.True(code == 0, $"graphql-js is needed for this test and `npm ci` in {dir} failed (is Node/npm installed?): {output}");
        }

        var file = Path.Combine(Path.GetTempPath(), $"goals-introspection-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await Run(BuildSchema(), IntrospectionFixtures.Query, options: NoLimits));
        try
        {
            var (exit, output) = await Exec("node", $"check-client-schema.js \"{file}\" schema.graphql", dir);
            Assert.True(exit == 0, output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<(int Code, string Output)> Exec(string program, string args, string dir)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, args)
            {
                WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true,
            })!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            return (process.ExitCode, await stdout + await stderr);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, $"`{program}` could not be started: {ex.Message}");
        }
    }

    [Fact]
    public async Task TypeAndTypenameMetaFields()
    {
        var schema = BuildSchema();
        Assert.Equal(Json("{'data':{'__typename':'Query','__type':{'name':'Mode','kind':'ENUM','enumValues':[{'name':'FAST'}],'all':[{'name':'FAST','isDeprecated':false},{'name':'SLOW','isDeprecated':true}]},'missing':null}}"),
            await Run(schema, "{ __typename __type(name: \"Mode\") { name kind enumValues { name } all: enumValues(includeDeprecated: true) { name isDeprecated } } missing: __type(name: \"Nope\") { name } }"));
        Assert.Equal(Json("{'data':{'__type':{'fields':[{'name':'older','args':[{'name':'arg','isDeprecated':true,'deprecationReason':'no'}],'deprecationReason':'Use `node`.'}]}}}"),
            await Run(schema, "{ __type(name: \"Query\") { fields(includeDeprecated: true) { name args(includeDeprecated: true) { name isDeprecated deprecationReason } deprecationReason } } }"
                .Replace("fields(includeDeprecated: true) {", "fields(includeDeprecated: true) {", StringComparison.Ordinal)).ContinueWith(t => FilterOlder(t.Result)));
    }

    private static string FilterOlder(string json)
    {
        var node = JsonNode.Parse(json)!;
        var fields = node["data"]!["__type"]!["fields"]!.AsArray();
        for (var i = fields.Count - 1; i >= 0; i--)
            if (fields[i]!["name"]!.GetValue<string>() != "older") fields.RemoveAt(i);
        return node.ToJsonString();
    }

    [Fact]
    public async Task IntrospectionCanBeSwitchedOff()
    {
        var json = await Run(BuildSchema(), "{ __schema { queryType { name } } }", options: new ExecutorOptions { EnableIntrospection = false });
        Assert.Contains("introspection", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"data\"", json, StringComparison.Ordinal);
        Assert.Equal(Json("{'data':{'__typename':'Query'}}"),
            await Run(BuildSchema(), "{ __typename }", options: new ExecutorOptions { EnableIntrospection = false }));
    }
}
