using System.CommandLine;
using System.Runtime.CompilerServices;
using Goals.Api.Hosting;
using Goals.Lambda.Hosting;

namespace Goals.Api.Cli;

/// <summary>
/// `Goals.Api`, the deployed executable. In Lambda (AWS_LAMBDA_RUNTIME_API set) the arguments are ignored and the handler
/// named by _HANDLER runs (api | worker | sweeper | migrate). Elsewhere it has two verbs for operators: `migrate`
/// (e.g. `--multi-region`) and `serve` on an external database (a container, a load benchmark); the local run and its
/// verbs (serve with the private PostgreSQL and the IDE, token, seed, worker) are Goals.Local's.
/// </summary>
public static class ApiCommandLine
{
    public static Task<int> RunAsync(string[] args) => LambdaEnvironment.IsLambda ? LambdaMode.RunAsync(args) : RunVerbAsync(args);

    [MethodImpl(MethodImplOptions.NoInlining)] // so that Lambda mode never loads System.CommandLine
    private static Task<int> RunVerbAsync(string[] args) => CommandLineHost.RunAsync(args, Build);

    public static RootCommand Build(IReadOnlyList<string> overrides) => new(
        "Goals API: runs in AWS Lambda (AWS_LAMBDA_RUNTIME_API set). Outside Lambda: the migrate and serve verbs on "
        + "ConnectionStrings:Goals; the local run is "
        + "Goals.Local (scripts/run.sh). `--Section:Key=value` arguments override configuration.")
    {
        MigrateCommand.Create(overrides, "Apply schema/migrations to ConnectionStrings:Goals (required)", DatabaseTarget.Configured),
        ServeCommand.Create(overrides, "Run the API on Kestrel against ConnectionStrings:Goals (required; never migrated, no IDE)",
            DatabaseTarget.Configured, GoalsApp.ConfigureServices),
    };
}
