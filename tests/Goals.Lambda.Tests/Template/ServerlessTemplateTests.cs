using System.Text.Json;
using Goals.Lambda.Hosting;
using Goals.Lambda.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Goals.Lambda.Tests.Template;

/// <summary>Keeps serverless.template and the code in agreement (the SAM schema itself is checked by tests/template/validate.mjs).</summary>
public sealed class ServerlessTemplateTests
{
    private static readonly JsonElement Template =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures.RepositoryRoot, "serverless.template"))).RootElement.Clone();

    private static JsonElement Resources => Template.GetProperty(nameof(Resources));

    private static IEnumerable<JsonProperty> Functions =>
        Resources.EnumerateObject().Where(r => r.Value.GetProperty("Type").GetString() == "AWS::Serverless::Function");

    [Fact]
    public void Every_handler_the_template_names_is_one_the_code_knows()
    {
        var handlers = Functions.Select(f => FunctionProperty(f.Value, "Handler")?.GetString()).ToArray();

        Assert.NotEmpty(handlers);
        Assert.All(handlers, h => Assert.Contains(h, LambdaHandlerNames.All));
        Assert.Equal(LambdaHandlerNames.All.Order(), handlers.Order());
    }

    [Fact]
    public void Every_handler_the_template_names_is_resolved_by_the_entry_point()
    {
        // LambdaHandlerFactory (behind LambdaEntryPoint) throws "Unknown Lambda handler" for names it does not map;
        // every template handler must get past that (it may still fail for a missing service, which is the app's job).
        using var services = new ServiceCollection()
            .AddLogging()
            .BuildServiceProvider();
        foreach (var handler in Functions.Select(f => FunctionProperty(f.Value, "Handler")!.Value.GetString()))
        {
            try
            {
                LambdaHandlerFactory.Create(handler, services);
            }
            catch (InvalidOperationException exception)
            {
                Assert.DoesNotContain("Unknown Lambda handler", exception.Message);
            }
        }
    }

    [Fact]
    public void Every_parameter_is_referenced()
    {
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        CollectReferences(Resources, referenced);
        CollectReferences(Template.GetProperty("Globals"), referenced);
        CollectReferences(Template.GetProperty("Conditions"), referenced);
        CollectReferences(Template.GetProperty("Outputs"), referenced);

        var parameters = Template.GetProperty("Parameters").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.NotEmpty(parameters);
        Assert.All(parameters, name => Assert.True(referenced.Contains(name), $"Parameter {name} is never referenced (Ref or Fn::Sub)."));
    }

    [Fact]
    public void Code_uri_is_the_zip_the_package_script_writes_for_the_custom_runtime()
    {
        var function = Template.GetProperty("Globals").GetProperty("Function");
        var codeUri = function.GetProperty("CodeUri").GetString()!;
        var script = File.ReadAllText(Path.Combine(Fixtures.RepositoryRoot, "scripts", "package-lambda.sh"));

        Assert.Equal("provided.al2023", function.GetProperty("Runtime").GetString());
        Assert.Equal("artifacts/lambda.zip", codeUri);
        // The deployable modes (the AOT default, --ready-to-run) copy their zip to lambda.zip (ReadyToRunPackageTests runs it).
        Assert.Contains("code_uri_zip=\"$out_root/lambda.zip\"", script, StringComparison.Ordinal);
        Assert.Contains("\nmode=aot\n", script, StringComparison.Ordinal);
        Assert.Contains("out_root=\"$repo_root/artifacts\"", script, StringComparison.Ordinal);
        Assert.Contains("\"$publish_dir/bootstrap\"", script, StringComparison.Ordinal); // provided.* starts <root>/bootstrap
        Assert.All(Functions, f => Assert.False(f.Value.GetProperty("Properties").TryGetProperty("CodeUri", out _), $"{f.Name} overrides CodeUri"));
        Assert.All(Functions, f => Assert.False(f.Value.GetProperty("Properties").TryGetProperty("Runtime", out _), $"{f.Name} overrides Runtime"));
    }

    [Fact]
    public void Queue_visibility_timeout_exceeds_the_worker_timeout_and_has_a_dead_letter_queue()
    {
        var worker = Resources.GetProperty("WorkerFunction");
        var sqsEvent = worker.GetProperty("Properties").GetProperty("Events").EnumerateObject()
            .Single(e => e.Value.GetProperty("Type").GetString() == "SQS").Value.GetProperty("Properties");
        var queueName = sqsEvent.GetProperty("Queue").GetProperty("Fn::GetAtt")[0].GetString()!;
        var queue = Resources.GetProperty(queueName).GetProperty("Properties");
        var workerTimeout = FunctionProperty(worker, "Timeout")!.Value.GetInt32();

        Assert.True(queue.GetProperty("VisibilityTimeout").GetInt32() > workerTimeout);
        Assert.True(queue.GetProperty("VisibilityTimeout").GetInt32() >= 6 * workerTimeout, "AWS guidance: 6x the function timeout");
        Assert.True(queue.GetProperty("RedrivePolicy").GetProperty("maxReceiveCount").GetInt32() > 1);
        Assert.Equal(["ReportBatchItemFailures"], sqsEvent.GetProperty("FunctionResponseTypes").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public void Api_function_answers_before_the_gateway_integration_timeout()
    {
        var api = Resources.GetProperty("ApiFunction");
        var httpEvent = api.GetProperty("Properties").GetProperty("Events").EnumerateObject().Single().Value.GetProperty("Properties");

        Assert.True(FunctionProperty(api, "Timeout")!.Value.GetInt32() * 1000 < httpEvent.GetProperty("TimeoutInMillis").GetInt32());
        Assert.Equal("2.0", httpEvent.GetProperty("PayloadFormatVersion").GetString());
    }

    [Fact]
    public void Default_concurrencies_fit_the_database_connection_budget()
    {
        int Default(string name) => Template.GetProperty("Parameters").GetProperty(name).GetProperty("Default").GetInt32();
        var pool = Default("MaxPoolSizePerInstance");
        var instances = Default("ApiReservedConcurrency") + Default("WorkerMaxConcurrency")
            + FunctionProperty(Resources.GetProperty("MigrationFunction"), "ReservedConcurrentExecutions")!.Value.GetInt32()
            + FunctionProperty(Resources.GetProperty("SweeperFunction"), "ReservedConcurrentExecutions")!.Value.GetInt32();

        Assert.True(instances * pool <= Default("DatabaseConnectionBudget"), $"{instances} instances x {pool} connections exceed the budget");
    }

    [Fact]
    public void Migrations_run_at_deploy_time_before_the_code_that_needs_them()
    {
        var migrations = Resources.GetProperty("Migrations");
        var token = migrations.GetProperty("Properties").GetProperty("ServiceToken").GetProperty("Fn::GetAtt")[0].GetString()!;

        Assert.Equal("Custom::Migrations", migrations.GetProperty("Type").GetString());
        Assert.Equal(LambdaHandlerNames.Migrate, FunctionProperty(Resources.GetProperty(token), "Handler")?.GetString());
        Assert.Contains("Migrations", Resources.GetProperty("ApiFunction").GetProperty("DependsOn").EnumerateArray().Select(d => d.GetString()));
        Assert.Contains("Migrations", Resources.GetProperty("WorkerFunction").GetProperty("DependsOn").EnumerateArray().Select(d => d.GetString()));
    }

    /// <summary>A function's own property, else the one from Globals.Function.</summary>
    private static JsonElement? FunctionProperty(JsonElement function, string name) =>
        function.GetProperty("Properties").TryGetProperty(name, out var own) ? own
        : Template.GetProperty("Globals").GetProperty("Function").TryGetProperty(name, out var global) ? global
        : null;

    /// <summary>Names used by Ref, Fn::Sub ("${Name}" and "${Name.Attr}") and Fn::If/Condition anywhere below the element.
    /// The concurrency parameters are also read by <see cref="Default_concurrencies_fit_the_database_connection_budget"/>;
    /// DatabaseConnectionBudget is referenced as a tag so an operator sees it on the functions.</summary>
    private static void CollectReferences(JsonElement element, HashSet<string> names)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "Ref" && property.Value.ValueKind == JsonValueKind.String) names.Add(property.Value.GetString()!);
                    if (property.Name == "Fn::Sub")
                    {
                        var pattern = property.Value.ValueKind == JsonValueKind.Array ? property.Value[0].GetString()! : property.Value.GetString() ?? "";
                        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(pattern, @"\$\{([A-Za-z0-9]+)[.}]"))
                        {
                            names.Add(match.Groups[1].Value);
                        }
                    }

                    CollectReferences(property.Value, names);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) CollectReferences(item, names);
                break;
        }
    }
}
