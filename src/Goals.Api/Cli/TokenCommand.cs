using Goals.Api.Auth;
using Goals.Api.Configuration;

namespace Goals.Api.Cli;

/// <summary>
/// `token [--student uuid] [--minutes N]`: prints ONLY a development JWT on stdout, signed with Auth:SigningKey
/// (appsettings.Development.json holds a fixed, public, local-only key). Only in Development, chosen explicitly.
/// Default student: the demo student.
/// </summary>
internal static class TokenCommand
{
    public static int Run(string[] args)
    {
        var environment = CliDispatcher.LocalEnvironment();
        if (!environment.Equals(Environments.Development, StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine($"token: only in the Development environment (ASPNETCORE_ENVIRONMENT=Development), this is {environment}; "
                + "elsewhere tokens come from the identity provider (Auth:Authority).");
            return 1;
        }

        var configuration = CliDispatcher.LoadConfiguration(environment, args);
        var student = CliDispatcher.Option(args, "--student") is { } text
            ? Guid.TryParse(text, out var parsed) ? parsed : throw new CliException("--student must be a UUID.")
            : DemoData.StudentId;
        var minutes = CliDispatcher.IntOption(args, "--minutes", 60, 1, 7 * 24 * 60);
        if (string.IsNullOrEmpty(configuration[AuthOptions.SigningKeyKey]))
        {
            Console.Error.WriteLine("token: Auth:SigningKey is not configured in this environment.");
            return 1;
        }

        Console.Out.WriteLine(DevTokens.Create(configuration, student, TimeSpan.FromMinutes(minutes)));
        return 0;
    }
}
