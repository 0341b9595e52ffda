using System.Diagnostics;

namespace Goals.Lambda.Runtime;

/// <summary>Publishes an invocation's X-Ray trace header to the environment and to <see cref="Activity"/>.</summary>
internal static class XRayTraceContext
{
    public const string EnvironmentVariable = "_X_AMZN_TRACE_ID";
    public const string ActivityName = "Goals.Lambda.Invocation";

    /// <summary>
    /// The invocation's span: from <see cref="LambdaTelemetry.Source"/> when something listens (OpenTelemetry), else a
    /// plain Activity, so Activity.Current carries the X-Ray trace either way (log lines, child spans, outgoing calls).
    /// </summary>
    public static Activity StartInvocationActivity(LambdaInvocation invocation)
    {
        Environment.SetEnvironmentVariable(EnvironmentVariable, invocation.TraceId);
        var parsed = TryParse(invocation.TraceId, out var traceId, out var parentId, out var sampled);
        var parent = parsed ? new ActivityContext(traceId, parentId, sampled ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None, isRemote: true) : default;
        var activity = LambdaTelemetry.Source.StartActivity(ActivityName, ActivityKind.Server, parent);
        if (activity is null)
        {
            activity = new Activity(ActivityName);
            if (parsed)
            {
                activity.SetParentId(traceId, parentId, parent.TraceFlags);
            }

            activity.Start();
        }

        activity.SetTag("faas.invocation_id", invocation.RequestId);
        activity.SetTag("aws.xray.trace_header", invocation.TraceId);
        return activity;
    }

    /// <summary>The <c>Root=</c> value (<c>1-5759e988-bd862e3fe1be46a994272793</c>) of a trace header, as X-Ray and Lambda's own log lines show it.</summary>
    public static string? RootOf(string? header)
    {
        foreach (var part in (header ?? string.Empty).Split(';', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("Root=", StringComparison.Ordinal) && part.Length > 5)
            {
                return part[5..];
            }
        }

        return null;
    }

    /// <summary>Parses <c>Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1</c>.</summary>
    public static bool TryParse(string? header, out ActivityTraceId traceId, out ActivitySpanId parentId, out bool sampled)
    {
        traceId = default;
        parentId = default;
        sampled = false;
        string? root = null, parent = null;
        foreach (var part in (header ?? string.Empty).Split(';', StringSplitOptions.TrimEntries))
        {
            var separator = part.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                continue;
            }

            var value = part[(separator + 1)..];
            switch (part[..separator])
            {
                case "Root": root = value; break;
                case "Parent": parent = value; break;
                case "Sampled": sampled = value == "1"; break;
            }
        }

        // X-Ray root "1-{8 hex epoch}-{24 hex}" is the 32-hex W3C trace id once the version and dashes go.
        var rootParts = root?.Split('-');
        if (rootParts is not ["1", { Length: 8 }, { Length: 24 }] || parent is not { Length: 16 } || !IsHex(parent))
        {
            return false;
        }

        var hex = rootParts[1] + rootParts[2];
        if (!IsHex(hex))
        {
            return false;
        }

        traceId = ActivityTraceId.CreateFromString(hex);
        parentId = ActivitySpanId.CreateFromString(parent);
        return true;
    }

    private static bool IsHex(string value) => value.All(char.IsAsciiHexDigit);
}
