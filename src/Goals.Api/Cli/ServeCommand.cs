using System.CommandLine;
using Goals.Api.Configuration;
using Goals.Api.Hosting;
using Goals.Api.Jobs;
using Goals.Data;
using Microsoft.Extensions.Options;

namespace Goals.Api.Cli;

/// <summary>
/// `serve [--urls URL]`: the app on Kestrel (with <see cref="KestrelLimits"/>) on http://127.0.0.1:5000 unless --urls
/// (or ASPNETCORE_URLS) says otherwise. Goals.Api's serves ConnectionStrings:Goals only (required, never migrated: run
/// `migrate`), with no IDE, e.g. in a container or for a load benchmark; Goals.Local's adds the private PostgreSQL and
/// the IDE. Without Jobs:QueueUrl the jobs worker runs in this process.
/// </summary>
public static class ServeCommand
{
    public const string Name = "serve";
    public const string DefaultUrl = "http://127.0.0.1:5000";

    /// <param name="configureServices">The app's services (<see cref="GoalsApp.ConfigureServices"/>, or a superset).</param>
    public static Command Create(IReadOnlyList<string> overrides, string description, OpenDatabase open,
        Action<WebApplicationBuilder> configureServices)
    {
        var urls = new Option<string>("--urls") { Description = $"Where Kestrel listens, ';'-separated (default {DefaultUrl}, or ASPNETCORE_URLS)" };
        var command = new Command(Name, description) { urls };
        command.SetAction((parsed, _) => RunAsync(overrides, parsed.GetValue(urls), open, configureServices));
        return command;
    }

    private static async Task<int> RunAsync(IReadOnlyList<string> overrides, string? urls, OpenDatabase open,
        Action<WebApplicationBuilder> configureServices)
    {
        var builder = GoalsApp.CreateBuilder(overrides.ToArray(), CommandLineHost.LocalEnvironment());
        if (!string.IsNullOrEmpty(urls)) builder.WebHost.UseUrls(urls);
        else if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(DefaultUrl);
        ServeMemoryLimit.Apply(ServeOptions.From(builder.Configuration)); // before the app allocates
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        using var stopping = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => stopping.Cancel();
        DatabaseTarget database;
        try
        {
            database = await open(builder.Configuration, loggers, stopping.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException)
        {
            loggers.CreateLogger(Name).LogError("Could not open the database: {Message}", e.Message);
            return 1;
        }

        await using (database)
        {
            builder.Configuration[DatabaseOptions.ConnectionStringKey] = database.ConnectionString;
            configureServices(builder);
            builder.Services.AddGoalsKestrelLimits();
            JobServices.AddLocalWorkerIfLocal(builder.Services, builder.Configuration); // no queue: jobs run in this process
            await using var app = GoalsApp.Build(builder);
            // The options' start-up checks, run here so a failure is the CLI's clear message, not the host's logged stack trace.
            app.Services.GetService<IStartupValidator>()?.Validate();
            await app.RunAsync();
            return 0;
        }
    }
}
