using System.Text.Json;
using Goals.Lambda.Configuration;
using Goals.Lambda.Hosting;
using Goals.Lambda.Tests.Infrastructure;

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
    public void Every_environment_variable_is_a_known_configuration_key()
    {
        var known = KnownConfigurationKeys.All.Select(KnownConfigurationKeys.ToEnvironmentVariableName).ToHashSet(StringComparer.Ordinal);
        var set = Functions.SelectMany(f => EnvironmentNames(f.Value.GetProperty("Properties")))
            .Concat(EnvironmentNames(Template.GetProperty("Globals").GetProperty("Function")))
            .ToArray();

        Assert.NotEmpty(set);
        Assert.All(set, name => Assert.Contains(name, known));
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
            + FunctionProperty(Resources.GetProperty("MigrationFunction"), "ReservedConcurrentExecutions")!.Value.GetInt32();

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

    private static IEnumerable<string> EnvironmentNames(JsonElement properties) =>
        properties.TryGetProperty("Environment", out var environment)
            ? environment.GetProperty("Variables").EnumerateObject().Select(v => v.Name)
            : [];
}
