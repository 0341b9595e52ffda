using System.CommandLine;
using Goals.Api.Cli;
using Goals.Api.Configuration;
using Goals.Api.Hosting;
using Goals.Data;
using Goals.Local.Hosting;
using Microsoft.Extensions.Options;

namespace Goals.Local.Cli;

/// <summary>
/// `serve [--urls URL]`: Kestrel on http://127.0.0.1:5000 unless --urls (or ASPNETCORE_URLS) says otherwise, the IDE at
/// /graphql, the jobs worker in-process. Without ConnectionStrings:Goals a private PostgreSQL is started, migrated and
/// given demo data; an external database is used as configured and never migrated (run the migrate verb).
/// </summary>
internal static class ServeCommand
{
    public const string Name = "serve";
    public const string DefaultUrl = "http://127.0.0.1:5000";

    public static Command Create(IReadOnlyList<string> overrides)
    {
        var urls = new Option<string>("--urls") { Description = $"Where Kestrel listens, ';'-separated (default {DefaultUrl}, or ASPNETCORE_URLS)" };
        var command = new Command(Name, "Run the API on Kestrel with the GraphQL IDE and the jobs worker (the default verb)") { urls };
        command.SetAction((parsed, _) => RunAsync(overrides, parsed.GetValue(urls)));
        return command;
    }

    private static async Task<int> RunAsync(IReadOnlyList<string> overrides, string? urls)
    {
        var builder = GoalsApp.CreateBuilder(overrides.ToArray(), CommandLineHost.LocalEnvironment());
        if (!string.IsNullOrEmpty(urls)) builder.WebHost.UseUrls(urls);
        else if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(DefaultUrl);
        ServeMemoryLimit.Apply(ServeOptions.From(builder.Configuration)); // before the app allocates
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        using var stopping = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => stopping.Cancel();
        await using var database = await LocalDatabase.OpenAsync(builder.Configuration, loggers, prepareEmbedded: true, stopping.Token);
        builder.Configuration[DatabaseOptions.ConnectionStringKey] = database.ConnectionString;
        LocalApp.ConfigureServices(builder);
        builder.Services.AddGoalsKestrelLimits();
        Api.Jobs.JobServices.AddLocalWorkerIfLocal(builder.Services, builder.Configuration); // no queue: jobs run in this process
        await using var app = GoalsApp.Build(builder);
        // The options' start-up checks, run here so a failure is the CLI's clear message, not the host's logged stack trace.
        app.Services.GetService<IStartupValidator>()?.Validate();
        await app.RunAsync();
        return 0;
    }
}
