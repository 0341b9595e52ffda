using System.CommandLine;
using System.CommandLine.Invocation;
using Microsoft.Extensions.Options;

namespace Goals.Api.Cli;

/// <summary>
/// What both executables' verbs share: System.CommandLine parsing with `--help` per verb, `--Section:Key=value`
/// arguments as configuration overrides (taken out before parsing, so they are never "unknown options"), usage errors
/// as exit code 2 with the parser's message, and start-up validation failures as one readable list (exit 1).
/// Every verb runs in Production unless ASPNETCORE_ENVIRONMENT/DOTNET_ENVIRONMENT choose another environment.
/// </summary>
public static class CommandLineHost
{
    public const int UsageError = 2;

    /// <param name="buildRoot">Builds the verbs from the configuration overrides found in <paramref name="args"/>.</param>
    /// <param name="defaultVerb">Run when no verb is given (the arguments are then that verb's options).</param>
    public static async Task<int> RunAsync(string[] args, Func<IReadOnlyList<string>, RootCommand> buildRoot, string? defaultVerb = null)
    {
        var overrides = args.Where(IsConfigurationOverride).ToArray();
        var rest = args.Where(a => !IsConfigurationOverride(a)).ToArray();
        if (defaultVerb is not null && (rest.Length == 0 || (rest[0].StartsWith('-') && rest[0] is not ("-h" or "--help" or "-?" or "--version"))))
            rest = [defaultVerb, .. rest];

        var root = buildRoot(overrides);
        var parsed = root.Parse(rest);
        if (parsed.Action is ParseErrorAction)
        {
            foreach (var error in parsed.Errors) await Console.Error.WriteLineAsync(error.Message);
            var command = parsed.CommandResult.Command;
            await Console.Error.WriteLineAsync($"See '{(command == root ? root.Name : $"{root.Name} {command.Name}")} --help'.");
            return UsageError;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ValidationFailures(ex) is { Count: > 0 } failures)
        {
            await Console.Error.WriteLineAsync("The configuration is invalid; nothing was started:");
            foreach (var failure in failures) await Console.Error.WriteLineAsync("  - " + failure);
            return 1;
        }
    }

    /// <summary>`--Section:Key=value` (a configuration key has a section): an override for the configuration, not an option.</summary>
    public static bool IsConfigurationOverride(string argument) =>
        argument.StartsWith("--", StringComparison.Ordinal) && argument.IndexOf('=', StringComparison.Ordinal) is > 2 and var equals
        && argument.AsSpan(2, equals - 2).Contains(':');

    /// <summary>A whole-number option with a default and an inclusive range, checked by the parser.</summary>
    public static Option<int> RangedOption(string name, string description, int defaultValue, int min, int max)
    {
        var option = new Option<int>(name) { Description = $"{description} ({min}..{max})", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < min || value > max) result.AddError($"{name} must be a whole number between {min} and {max}.");
        });
        return option;
    }

    /// <summary>ValidateOnStart's failures: one OptionsValidationException, or several in an AggregateException.</summary>
    private static List<string> ValidationFailures(Exception exception) => exception switch
    {
        OptionsValidationException options => options.Failures.ToList(),
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(ValidationFailures).ToList(),
        _ => [],
    };

    /// <summary>The environment of local verbs: the configured one, else Production (fail closed: Development, its public
    /// signing key and its CORS origins only when chosen explicitly).</summary>
    public static string LocalEnvironment() =>
        Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") is { Length: > 0 } a ? a
        : Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") is { Length: > 0 } d ? d
        : Environments.Production;

    /// <summary>appsettings.json, appsettings.{env}.json, environment variables and the command line's overrides.</summary>
    public static IConfigurationRoot LoadConfiguration(string environment, IReadOnlyList<string> overrides) =>
        new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(overrides.ToArray())
            .Build();
}
