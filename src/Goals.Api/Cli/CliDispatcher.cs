using Goals.Lambda.Hosting;
using Microsoft.Extensions.Options;

namespace Goals.Api.Cli;

/// <summary>
/// `Goals.Api [verb] [options]`. Verbs: serve (default), migrate, token, seed, worker.
/// In Lambda (AWS_LAMBDA_RUNTIME_API set) the verb is ignored and the handler named by _HANDLER runs (api | worker | migrate).
/// Every verb runs in Production unless ASPNETCORE_ENVIRONMENT/DOTNET_ENVIRONMENT choose another environment
/// (scripts/run.sh chooses Development); Lambda likewise.
/// </summary>
public static class CliDispatcher
{
    public const string Usage = """
        Usage: Goals.Api [verb] [options]
          serve   [--urls http://127.0.0.1:5000]   run the API on Kestrel (default verb). Without ConnectionStrings:Goals a private
                                                   PostgreSQL is started in .data/ (Database:DataDirectory), migrated and given demo data.
          migrate                                  apply schema/migrations to ConnectionStrings:Goals (or the private PostgreSQL)
          token   [--student <uuid>] [--minutes N] print a development JWT (Auth:SigningKey; only with ASPNETCORE_ENVIRONMENT=Development)
          seed    --students N --goals G --tasks T --notes K [--out file]
                                                   insert deterministic load-test data; prints the student ids
          worker  [--once]                         run queued jobs locally (the drain serve hosts); --once: drain and exit
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (LambdaEnvironment.IsLambda) return await LambdaMode.RunAsync(args);

        var verb = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "serve";
        var rest = args.Length > 0 && !args[0].StartsWith('-') ? args[1..] : args;
        try
        {
            return verb switch
            {
                "serve" => await ServeCommand.RunAsync(rest),
                "migrate" => await Goals.Data.Migrations.MigrateVerb.RunAsync(rest),
                "token" => TokenCommand.Run(rest),
                "seed" => await SeedCommand.RunAsync(rest),
                "worker" => await WorkerCommand.RunAsync(rest),
                "help" or "--help" or "-h" => PrintUsage(Console.Out, 0),
                _ => PrintUsage(Console.Error, 2, $"Unknown verb '{verb}'."),
            };
        }
        catch (CliException ex)
        {
            return PrintUsage(Console.Error, 2, ex.Message);
        }
        catch (Exception ex) when (ValidationFailures(ex) is { Count: > 0 } failures)
        {
            Console.Error.WriteLine("The configuration is invalid; nothing was started:");
            foreach (var failure in failures) Console.Error.WriteLine("  - " + failure);
            return 1;
        }
    }

    /// <summary>ValidateOnStart's failures: one OptionsValidationException, or several in an AggregateException.</summary>
    private static List<string> ValidationFailures(Exception exception) => exception switch
    {
        OptionsValidationException options => options.Failures.ToList(),
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(ValidationFailures).ToList(),
        _ => [],
    };

    private static int PrintUsage(TextWriter writer, int code, string? message = null)
    {
        if (message is not null) writer.WriteLine(message);
        writer.WriteLine(Usage);
        return code;
    }

    /// <summary>The environment of local verbs: the configured one, else Production (fail closed: Development, its public
    /// signing key and its CORS origins only when chosen explicitly).</summary>
    public static string LocalEnvironment() =>
        Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") is { Length: > 0 } a ? a
        : Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") is { Length: > 0 } d ? d
        : Environments.Production;

    /// <summary>appsettings.json, appsettings.{env}.json, environment variables and command-line overrides.</summary>
    public static IConfigurationRoot LoadConfiguration(string environment, string[] args) =>
        new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(ConfigArgs(args))
            .Build();

    /// <summary>Only `--Key=value` style arguments go to configuration (verb options are parsed separately).</summary>
    private static string[] ConfigArgs(string[] args) => args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=')).ToArray();

    public static string? Option(string[] args, string name)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == name)
            {
                if (i + 1 >= args.Length) throw new CliException($"{name} needs a value.");
                return args[i + 1];
            }

            if (args[i].StartsWith(name + "=", StringComparison.Ordinal)) return args[i][(name.Length + 1)..];
        }

        return null;
    }

    public static int IntOption(string[] args, string name, int defaultValue, int min, int max)
    {
        var text = Option(args, name);
        if (text is null) return defaultValue;
        if (!int.TryParse(text, out var value) || value < min || value > max)
            throw new CliException($"{name} must be a whole number between {min} and {max}.");
        return value;
    }
}

public sealed class CliException(string message) : Exception(message);
