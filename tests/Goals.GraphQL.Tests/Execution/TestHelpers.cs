using System.Text;
using System.Text.Json;
using Goals.GraphQL.Execution;
using Goals.GraphQL.Types;

namespace Goals.GraphQL.Tests.Execution;

internal static class TestHelpers
{
    public static string ToJson(this ExecutionResult result)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) result.WriteTo(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Minifies hand-written expected JSON (keeps key order).</summary>
    public static string Json(string json)
    {
        using var doc = JsonDocument.Parse(json.Replace('\'', '"'));
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) doc.WriteTo(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static Dictionary<string, object?> Obj(params (string Key, object? Value)[] pairs)
    {
        var d = new Dictionary<string, object?>();
        foreach (var (k, v) in pairs) d[k] = v;
        return d;
    }

    public static IReadOnlyDictionary<string, object?> Vars(string json) =>
        JsonInput.ToVariables(JsonDocument.Parse(json.Replace('\'', '"')).RootElement)!;

    /// <summary>A schema whose every object type reads dictionary sources.</summary>
    public static SchemaBuilder DictionarySchema(string sdl)
    {
        var builder = new SchemaBuilder().AddTypeDefinitions(sdl);
        var doc = Goals.GraphQL.Language.Parser.Parse(sdl);
        foreach (var def in doc.Definitions)
        {
            if (def is Goals.GraphQL.Language.ObjectTypeDefinitionNode { IsExtension: false } o)
            {
                builder.BindDefaultFieldResolver(o.Name.Value, SchemaBuilder.DictionaryResolver);
            }
        }
        return builder;
    }

    public static async Task<string> Run(Schema schema, string query, object? root = null, string? variables = null,
        ExecutorOptions? options = null, string? operationName = null)
    {
        using var executor = new GraphQLExecutor(schema, options);
        var prepared = executor.Prepare(query);
        if (!prepared.IsValid) return ExecutionResult.FromErrors(prepared.Errors).ToJson();
        var result = await executor.ExecuteAsync(new ExecutionRequest
        {
            Document = prepared, RootValue = root, Variables = variables is null ? null : Vars(variables), OperationName = operationName,
        });
        return result.ToJson();
    }
}
