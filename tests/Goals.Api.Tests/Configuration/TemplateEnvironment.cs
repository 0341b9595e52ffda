using System.Text.Json;
using Goals.Api.Tests.Infrastructure;

namespace Goals.Api.Tests.Configuration;

/// <summary>
/// The environment variables serverless.template gives the functions (Globals and each function), with the values a
/// deployment resolves them to: a parameter's default, else what an operator must pass (<see cref="OperatorParameters"/>),
/// a stand-in for each resource reference and secret.
/// </summary>
internal static class TemplateEnvironment
{
    public const string Issuer = "https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_example";

    /// <summary>Parameters without a default: a deployment cannot be created without them.</summary>
    private static readonly Dictionary<string, string> OperatorParameters = new(StringComparer.Ordinal)
    {
        ["JwtIssuer"] = Issuer,
        ["JwtAudience"] = "goals-api-client",
    };

    private static readonly Dictionary<string, string> Resources = new(StringComparer.Ordinal)
    {
        ["JobsQueue"] = "https://sqs.eu-west-2.amazonaws.com/123456789012/goals-jobs",
        ["JobsDeadLetterQueue"] = "https://sqs.eu-west-2.amazonaws.com/123456789012/goals-jobs-dlq",
        ["JobsBucket"] = "goals-jobs-123456789012",
    };

    private const string SecretConnectionString = "Host=cluster.example;Port=26257;Database=goals;Username=goals;Password=secret";

    private static readonly JsonElement Template =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(LiveServer.RepositoryRoot, "serverless.template"))).RootElement.Clone();

    /// <summary>Variable name → resolved value, over Globals.Function and every function.</summary>
    public static IReadOnlyDictionary<string, string> Resolved { get; } = Resolve();

    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (var name in Resolved.Keys) names.Add(name);
        return names;
    }

    /// <summary>The variables as configuration keys (`Auth__Issuer` → `Auth:Issuer`), as the app's environment provider reads them.</summary>
    public static Dictionary<string, string?> AsSettings(string? without = null) =>
        Resolved.Where(v => v.Key != without).ToDictionary(v => OptionsCatalog.ToKey(v.Key), v => (string?)v.Value, StringComparer.OrdinalIgnoreCase);

    private static Dictionary<string, string> Resolve()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var functions = Template.GetProperty("Resources").EnumerateObject()
            .Where(r => r.Value.GetProperty("Type").GetString() == "AWS::Serverless::Function")
            .Select(r => r.Value.GetProperty("Properties"))
            .Prepend(Template.GetProperty("Globals").GetProperty("Function"));
        foreach (var properties in functions)
        {
            if (!properties.TryGetProperty("Environment", out var environment)) continue;
            foreach (var variable in environment.GetProperty("Variables").EnumerateObject()) variables[variable.Name] = Value(variable.Value);
        }

        return variables;
    }

    private static string Value(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String) return value.GetString()!;
        if (value.TryGetProperty("Ref", out var reference)) return Reference(reference.GetString()!);
        // The template's conditions are "this parameter is not empty": the first branch when it resolves to something.
        if (value.TryGetProperty("Fn::If", out var condition)) return Value(condition[1]) is { Length: > 0 } taken ? taken : Value(condition[2]);
        if (value.TryGetProperty("Fn::Sub", out var sub) && sub.GetString()!.Contains("resolve:secretsmanager", StringComparison.Ordinal))
            return SecretConnectionString;
        throw new InvalidOperationException($"No stand-in for the template value {value}.");
    }

    private static string Reference(string name)
    {
        if (Resources.TryGetValue(name, out var resource)) return resource;
        var parameter = Template.GetProperty("Parameters").GetProperty(name);
        if (parameter.TryGetProperty("Default", out var fallback)) return fallback.ToString();
        return OperatorParameters.TryGetValue(name, out var given) ? given : throw new InvalidOperationException($"Parameter {name} needs a value.");
    }
}
