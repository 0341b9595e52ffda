using Goals.Lambda.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Goals.Api.Hosting;

/// <summary>
/// JSON console logs when stdout is redirected (Lambda, containers, CI): one object per line with <c>timestamp</c>,
/// <c>level</c> (Lambda's names, for its log-level filter), the invocation's <c>requestId</c>/<c>traceId</c>, written to
/// stdout in batches (<see cref="JsonLinesLoggerProvider"/>); the simple console formatter on a terminal.
/// </summary>
public static class ConsoleLogging
{
    public static void Configure(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        if (Console.IsOutputRedirected)
        {
            // Disposed by the container at shutdown, which writes what is still pending.
            logging.Services.AddSingleton<ILoggerProvider>(_ => new JsonLinesLoggerProvider(Console.OpenStandardOutput()));
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
                o.ColorBehavior = LoggerColorBehavior.Enabled;
            });
        }
    }
}
