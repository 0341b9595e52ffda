using System.CommandLine;
using Goals.Api.Configuration;
using Goals.Local.Auth;
using Goals.Api.Cli;

namespace Goals.Local.Cli;

/// <summary>
/// `token [--student uuid] [--minutes N]`: prints ONLY a development JWT on stdout, signed with Auth:SigningKey
/// (appsettings.Development.json holds a fixed, public, local-only key). Only in Development, chosen explicitly.
/// Default student: the demo student.
/// </summary>
internal static class TokenCommand
{
    public static Command Create(IReadOnlyList<string> overrides)
    {
        var student = new Option<Guid>("--student")
        {
            Description = $"The token's student (default: the demo student {DemoData.StudentId})",
            HelpName = "uuid",
            DefaultValueFactory = _ => DemoData.StudentId,
        };
        var minutes = CommandLineHost.RangedOption("--minutes", "Minutes until the token expires", 60, 1, 7 * 24 * 60);
        var command = new Command("token", "Print a development JWT (Auth:SigningKey; only with ASPNETCORE_ENVIRONMENT=Development)")
        {
            student,
            minutes,
        };
        command.SetAction(parsed => Run(overrides, parsed.GetValue(student), parsed.GetValue(minutes)));
        return command;
    }

    private static int Run(IReadOnlyList<string> overrides, Guid student, int minutes)
    {
        var environment = CommandLineHost.LocalEnvironment();
        if (!environment.Equals(Environments.Development, StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine($"token: only in the Development environment (ASPNETCORE_ENVIRONMENT=Development), this is {environment}; "
                + "elsewhere tokens come from the identity provider (Auth:Authority).");
            return 1;
        }

        var configuration = CommandLineHost.LoadConfiguration(environment, overrides);
        if (string.IsNullOrEmpty(configuration[AuthOptions.SigningKeyKey]))
        {
            Console.Error.WriteLine("token: Auth:SigningKey is not configured in this environment.");
            return 1;
        }

        Console.Out.WriteLine(DevelopmentTokens.Create(configuration, student, TimeSpan.FromMinutes(minutes)));
        return 0;
    }
}
