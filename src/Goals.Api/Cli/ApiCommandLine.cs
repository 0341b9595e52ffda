using System.CommandLine;
using System.Runtime.CompilerServices;
using Goals.Lambda.Hosting;

namespace Goals.Api.Cli;

/// <summary>
/// `Goals.Api`, the deployed executable. In Lambda (AWS_LAMBDA_RUNTIME_API set) the arguments are ignored and the handler
/// named by _HANDLER runs (api | worker | sweeper | migrate). Elsewhere it has one verb, `migrate`, for operators
/// (e.g. `--multi-region`); the local run and its verbs (serve, token, seed, worker) are Goals.Local's.
/// </summary>
public static class ApiCommandLine
{
    public static Task<int> RunAsync(string[] args) => LambdaEnvironment.IsLambda ? LambdaMode.RunAsync(args) : RunVerbAsync(args);

    [MethodImpl(MethodImplOptions.NoInlining)] // so that Lambda mode never loads System.CommandLine
    private static Task<int> RunVerbAsync(string[] args) => CommandLineHost.RunAsync(args, Build);

    public static RootCommand Build(IReadOnlyList<string> overrides) => new(
        "Goals API: runs in AWS Lambda (AWS_LAMBDA_RUNTIME_API set). Outside Lambda: the migrate verb; the local run is "
        + "Goals.Local (scripts/run.sh). `--Section:Key=value` arguments override configuration.")
    {
        MigrateCommand.Create(overrides, "Apply schema/migrations to ConnectionStrings:Goals (required)", MigrateCommand.ConfiguredDatabase),
    };
}
