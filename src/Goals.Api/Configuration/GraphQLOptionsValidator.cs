using Microsoft.Extensions.Options;

namespace Goals.Api.Configuration;

/// <summary>Limits that would reject everything, or nothing, are refused. The query limits may be unset (no limit).</summary>
public sealed class GraphQLOptionsValidator : IValidateOptions<GraphQLOptions>
{
    public ValidateOptionsResult Validate(string? name, GraphQLOptions graphQL)
    {
        var failures = new List<string>();
        if (graphQL.MaxDepth is < 1) failures.Add($"{Key(nameof(graphQL.MaxDepth))} must be at least 1 (or unset for no limit).");
        if (graphQL.MaxComplexity is < 1) failures.Add($"{Key(nameof(graphQL.MaxComplexity))} must be at least 1 (or unset for no limit).");
        if (graphQL.MaxRequestBytes is < 1 or > GraphQLOptions.MaxRequestBytesCeiling)
            failures.Add($"{Key(nameof(graphQL.MaxRequestBytes))} must be between 1 and {GraphQLOptions.MaxRequestBytesCeiling} (64 MiB).");
        AtLeastOne(graphQL.MaxResultBytes, nameof(graphQL.MaxResultBytes));
        AtLeastOne(graphQL.DocumentCacheBytes, nameof(graphQL.DocumentCacheBytes));
        AtLeastOne(graphQL.PersistedQueryMaxEntries, nameof(graphQL.PersistedQueryMaxEntries));
        AtLeastOne(graphQL.PersistedQueryMaxBytes, nameof(graphQL.PersistedQueryMaxBytes));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void AtLeastOne(long value, string property)
        {
            if (value < 1) failures.Add($"{Key(property)} must be at least 1 (it is {value}).");
        }
    }

    private static string Key(string property) => $"{GraphQLOptions.Section}:{property}";
}
