using Microsoft.Extensions.Options;

namespace Goals.Data;

/// <summary>Refuses pool settings Npgsql would reject later or misread: no pool, negative seconds.</summary>
public sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var failures = new List<string>();
        if (options.MaxPoolSize is < 1)
            failures.Add($"{DatabaseOptions.Key(nameof(options.MaxPoolSize))} must be a whole number of at least 1, not '{options.MaxPoolSize}'.");
        Seconds(options.ConnectionLifetimeSeconds, nameof(options.ConnectionLifetimeSeconds));
        Seconds(options.ConnectionIdleLifetimeSeconds, nameof(options.ConnectionIdleLifetimeSeconds));
        Seconds(options.KeepaliveSeconds, nameof(options.KeepaliveSeconds));
        Seconds(options.ConnectTimeoutSeconds, nameof(options.ConnectTimeoutSeconds));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Seconds(int? value, string property)
        {
            if (value is < 0)
                failures.Add($"{DatabaseOptions.Key(property)} must be a whole number of seconds (0 or more), not '{value}'.");
        }
    }
}
