using System.Text.Json;
using Goals.Lambda.Tests.Infrastructure;

namespace Goals.Lambda.Tests.Template;

/// <summary>What an operator expects of serverless.template on day one: CORS, alarms, access logs and throttling,
/// least-privilege roles, optional VPC endpoints, JSON logs, a bounded custom resource, concurrency that fits an account.</summary>
public sealed class OperatorTemplateTests
{
    private static readonly JsonElement Template =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures.RepositoryRoot, "serverless.template"))).RootElement.Clone();

    private static JsonElement Resources => Template.GetProperty(nameof(Resources));

    private static JsonElement Parameters => Template.GetProperty(nameof(Parameters));

    private static IEnumerable<JsonProperty> OfType(string type) =>
        Resources.EnumerateObject().Where(r => r.Value.GetProperty("Type").GetString() == type);

    [Fact]
    public void Http_api_allows_the_spa_origins_from_a_parameter_with_the_methods_and_headers_the_app_uses()
    {
        var cors = Resources.GetProperty("HttpApi").GetProperty("Properties").GetProperty("CorsConfiguration").GetProperty("Fn::If");

        Assert.Equal("HasCorsOrigins", cors[0].GetString());
        Assert.Equal("CorsAllowedOrigins", cors[1].GetProperty("AllowOrigins").GetProperty("Ref").GetString());
        Assert.Equal("CommaDelimitedList", Parameters.GetProperty("CorsAllowedOrigins").GetProperty("Type").GetString());
        Assert.Equal(["GET", "OPTIONS", "POST"], Strings(cors[1].GetProperty("AllowMethods")).Order());
        Assert.Equal(["accept", "authorization", "content-type"], Strings(cors[1].GetProperty("AllowHeaders")).Order());
        Assert.Equal("AWS::NoValue", cors[2].GetProperty("Ref").GetString());
    }

    [Fact]
    public void Jobs_bucket_lets_the_same_spa_origins_download_exports_and_upload_imports_through_presigned_urls()
    {
        var cors = Resources.GetProperty("JobsBucket").GetProperty("Properties").GetProperty("CorsConfiguration").GetProperty("Fn::If");

        Assert.Equal("HasCorsOrigins", cors[0].GetString());
        var rule = Assert.Single(cors[1].GetProperty("CorsRules").EnumerateArray());
        Assert.Equal("CorsAllowedOrigins", rule.GetProperty("AllowedOrigins").GetProperty("Ref").GetString());
        Assert.Equal(["GET", "PUT"], Strings(rule.GetProperty("AllowedMethods")).Order());
        Assert.Contains("content-type", Strings(rule.GetProperty("AllowedHeaders")));
        Assert.Equal("AWS::NoValue", cors[2].GetProperty("Ref").GetString());
    }

    [Fact]
    public void Http_api_writes_json_access_logs_and_throttles_every_route()
    {
        var api = Resources.GetProperty("HttpApi").GetProperty("Properties");
        var accessLogs = api.GetProperty("AccessLogSettings");
        var destination = accessLogs.GetProperty("DestinationArn").GetProperty("Fn::GetAtt")[0].GetString()!;
        using var format = JsonDocument.Parse(accessLogs.GetProperty("Format").GetString()!);

        Assert.Equal("AWS::Logs::LogGroup", Resources.GetProperty(destination).GetProperty("Type").GetString());
        Assert.Equal("$context.requestId", format.RootElement.GetProperty("requestId").GetString());
        Assert.Equal("$context.status", format.RootElement.GetProperty("status").GetString());
        Assert.Equal("ApiThrottlingRateLimit", api.GetProperty("DefaultRouteSettings").GetProperty("ThrottlingRateLimit").GetProperty("Ref").GetString());
        Assert.Equal("ApiThrottlingBurstLimit", api.GetProperty("DefaultRouteSettings").GetProperty("ThrottlingBurstLimit").GetProperty("Ref").GetString());
    }

    [Theory]
    [InlineData("AWS/ApiGateway", "5xx", "HttpApi")]
    [InlineData("AWS/ApiGateway", "Latency", "HttpApi")]
    [InlineData("AWS/Lambda", "Errors", "ApiFunction")]
    [InlineData("AWS/Lambda", "Throttles", "ApiFunction")]
    [InlineData("AWS/Lambda", "Duration", "ApiFunction")]
    [InlineData("AWS/Lambda", "Errors", "WorkerFunction")]
    [InlineData("AWS/Lambda", "Throttles", "WorkerFunction")]
    [InlineData("AWS/Lambda", "Duration", "WorkerFunction")]
    [InlineData("AWS/SQS", "ApproximateNumberOfMessagesVisible", "JobsDeadLetterQueue")]
    public void Alarm_watches_the_metric_of_its_own_resource_and_notifies_the_topic(string metricNamespace, string metric, string resource)
    {
        var alarm = Assert.Single(OfType("AWS::CloudWatch::Alarm").Select(a => a.Value.GetProperty("Properties")),
            a => a.TryGetProperty("Namespace", out var ns) && ns.GetString() == metricNamespace && a.GetProperty("MetricName").GetString() == metric
                && a.GetProperty("Dimensions").EnumerateArray().Any(d => ReferencedResource(d.GetProperty("Value")) == resource));

        Assert.Equal("HasAlarmTopic", alarm.GetProperty("AlarmActions").GetProperty("Fn::If")[0].GetString());
        Assert.Equal("AlarmTopicArn", alarm.GetProperty("AlarmActions").GetProperty("Fn::If")[1][0].GetProperty("Ref").GetString());
        if (metric is "Latency" or "Duration")
        {
            Assert.Equal("p99", alarm.GetProperty("ExtendedStatistic").GetString());
        }

        if (metric == "Duration")
        {
            var timeoutMs = Resources.GetProperty(resource).GetProperty("Properties").GetProperty("Timeout").GetInt32() * 1000;
            Assert.InRange(alarm.GetProperty("Threshold").GetInt32(), 1, timeoutMs - 1); // warns before the timeout kills
        }
    }

    [Fact]
    public void Each_function_has_its_own_role_with_only_the_actions_it_uses_on_its_own_resources()
    {
        var expected = new Dictionary<string, string[]>
        {
            ["ApiFunction"] = ["sqs:SendMessage", "s3:GetObject", "s3:PutObject"],
            ["WorkerFunction"] = ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage",
                "s3:DeleteObject", "s3:GetObject", "s3:ListBucket", "s3:PutObject"],
            ["SweeperFunction"] = ["sqs:SendMessage", "sqs:ChangeMessageVisibility", "sqs:ReceiveMessage"],
            ["MigrationFunction"] = [],
        };
        string[] common = ["ec2:AssignPrivateIpAddresses", "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeSubnets", "ec2:UnassignPrivateIpAddresses", "logs:CreateLogStream", "logs:PutLogEvents", "xray:PutTelemetryRecords", "xray:PutTraceSegments"];
        var roles = new HashSet<string>();

        foreach (var (function, own) in expected)
        {
            var properties = Resources.GetProperty(function).GetProperty("Properties");
            Assert.False(properties.TryGetProperty("Policies", out _), $"{function}: Policies are ignored beside an explicit Role");
            var roleName = properties.GetProperty("Role").GetProperty("Fn::GetAtt")[0].GetString()!;
            Assert.True(roles.Add(roleName), $"{function} shares {roleName}");
            var statements = Resources.GetProperty(roleName).GetProperty("Properties").GetProperty("Policies").EnumerateArray()
                .SelectMany(p => p.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray()).ToArray();

            Assert.All(statements, s => Assert.Equal("Allow", s.GetProperty("Effect").GetString()));
            Assert.Equal(common.Concat(own).Order(), statements.SelectMany(s => Strings(s.GetProperty("Action"))).Order());
            Assert.All(statements.SelectMany(s => Strings(s.GetProperty("Action"))), a => Assert.DoesNotContain("*", a));
            var logs = Assert.Single(statements, s => Strings(s.GetProperty("Action")).Contains("logs:PutLogEvents"));
            Assert.Equal(function.Replace("Function", "LogGroup", StringComparison.Ordinal), ReferencedResource(logs.GetProperty("Resource")));
            foreach (var queueStatement in statements.Where(s => Strings(s.GetProperty("Action")).Any(a => a.StartsWith("sqs:", StringComparison.Ordinal))))
            {
                // The sweeper alone also reads the dead-letter queue (to fail the jobs whose messages landed there).
                string[] queues = function == "SweeperFunction" ? ["JobsQueue", "JobsDeadLetterQueue"] : ["JobsQueue"];
                Assert.Contains(ReferencedResource(queueStatement.GetProperty("Resource")), queues);
            }
            foreach (var bucketStatement in statements.Where(s => Strings(s.GetProperty("Action")).Any(a => a.StartsWith("s3:", StringComparison.Ordinal))))
            {
                Assert.Contains("JobsBucket", bucketStatement.GetProperty("Resource").GetRawText(), StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("S3GatewayEndpoint", "s3", "Gateway", "CreateS3GatewayEndpoint")]
    [InlineData("SqsInterfaceEndpoint", "sqs", "Interface", "CreateVpcEndpointsInVpc")]
    [InlineData("SecretsManagerInterfaceEndpoint", "secretsmanager", "Interface", "CreateVpcEndpointsInVpc")]
    public void Vpc_endpoint_is_an_optional_resource_in_the_functions_vpc(string name, string service, string type, string condition)
    {
        var endpoint = Resources.GetProperty(name);
        var properties = endpoint.GetProperty("Properties");

        Assert.Equal("AWS::EC2::VPCEndpoint", endpoint.GetProperty("Type").GetString());
        Assert.Equal(condition, endpoint.GetProperty("Condition").GetString());
        Assert.True(Template.GetProperty("Conditions").TryGetProperty(condition, out _));
        Assert.Equal("com.amazonaws.${AWS::Region}." + service, properties.GetProperty("ServiceName").GetProperty("Fn::Sub").GetString());
        Assert.Equal(type, properties.GetProperty("VpcEndpointType").GetString());
        Assert.Equal("VpcId", properties.GetProperty("VpcId").GetProperty("Ref").GetString());
        if (type == "Interface")
        {
            Assert.True(properties.GetProperty("PrivateDnsEnabled").GetBoolean()); // the SDK's default endpoint names resolve to it
            Assert.Equal("VpcSubnetIds", properties.GetProperty("SubnetIds").GetProperty("Ref").GetString());
        }

        Assert.Equal("false", Parameters.GetProperty("CreateVpcEndpoints").GetProperty("Default").GetString());
    }

    [Fact]
    public void Every_function_logs_json_filtered_by_the_application_log_level()
    {
        foreach (var function in OfType("AWS::Serverless::Function"))
        {
            var logging = function.Value.GetProperty("Properties").GetProperty("LoggingConfig");
            Assert.Equal("JSON", logging.GetProperty("LogFormat").GetString());
            Assert.Equal("ApplicationLogLevel", logging.GetProperty("ApplicationLogLevel").GetProperty("Ref").GetString());
        }

        Assert.Equal(["DEBUG", "ERROR", "FATAL", "INFO", "TRACE", "WARN"],
            Strings(Parameters.GetProperty("ApplicationLogLevel").GetProperty("AllowedValues")).Order());
    }

    [Fact]
    public void Migration_custom_resource_times_out_after_the_function_and_its_retry_not_after_an_hour()
    {
        var serviceTimeout = Resources.GetProperty("Migrations").GetProperty("Properties").GetProperty("ServiceTimeout").GetInt32();
        var functionTimeout = Resources.GetProperty("MigrationFunction").GetProperty("Properties").GetProperty("Timeout").GetInt32();

        Assert.InRange(serviceTimeout, functionTimeout + 1, 3599);
    }

    [Fact]
    public void Default_reservations_leave_the_100_unreserved_executions_Lambda_requires_of_a_default_account()
    {
        const int defaultAccountQuota = 1000;
        int Default(string name) => Parameters.GetProperty(name).GetProperty("Default").GetInt32();
        int Reservation(string function) => Resources.GetProperty(function).GetProperty("Properties").GetProperty("ReservedConcurrentExecutions").GetInt32();
        var reserved = Default("ApiReservedConcurrency") + Default("WorkerMaxConcurrency")
            + Reservation("MigrationFunction") + Reservation("SweeperFunction");
        var budgetFormula = Default("DatabaseConnectionBudget") / Default("MaxPoolSizePerInstance") - Default("WorkerMaxConcurrency")
            - Reservation("MigrationFunction") - Reservation("SweeperFunction");

        Assert.True(reserved <= defaultAccountQuota - 100, $"{reserved} reserved");
        Assert.Equal(budgetFormula, Default("ApiReservedConcurrency"));
    }

    [Fact]
    public void Architecture_is_a_parameter_of_the_two_lambda_instruction_sets()
    {
        var architectures = Template.GetProperty("Globals").GetProperty("Function").GetProperty("Architectures");

        Assert.Equal("Architecture", Assert.Single(architectures.EnumerateArray()).GetProperty("Ref").GetString());
        Assert.Equal(["arm64", "x86_64"], Strings(Parameters.GetProperty("Architecture").GetProperty("AllowedValues")).Order());
    }

    private static string[] Strings(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray().Select(e => e.GetString()!).ToArray() : [element.GetString()!];

    private static string? ReferencedResource(JsonElement value) =>
        value.TryGetProperty("Ref", out var r) ? r.GetString()
        : value.TryGetProperty("Fn::GetAtt", out var a) ? a[0].GetString()
        : null;
}
