using Goals.Lambda.Logging;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;

namespace Goals.Api.Hosting;

/// <summary>
/// JSON console logs when stdout is redirected (Lambda, containers, CI): one object per line with <c>timestamp</c>,
/// <c>level</c> (Lambda's names, for its log-level filter), the invocation's <c>requestId</c>/<c>traceId</c>; the simple
/// formatter on a terminal.
/// </summary>
public static class ConsoleLogging
{
    public static void Configure(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        if (Console.IsOutputRedirected)
        {
            // Registered directly, not with AddConsoleFormatter: the formatter has no options to bind (that binding is reflection).
            logging.AddConsole(o => o.FormatterName = LambdaJsonConsoleFormatter.FormatterName);
            logging.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ConsoleFormatter, LambdaJsonConsoleFormatter>());
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
