using Microsoft.Extensions.Options;

namespace Goals.Api.Configuration;

/// <summary>`Serve:*`: the `serve` verb's own settings, read before the app is built (see <c>Goals.Api.Hosting.ServeMemoryLimit</c>).</summary>
public sealed class ServeOptions
{
    public const string Section = "Serve";
    public const int DefaultMaxHeapMegabytes = 1024;

    /// <summary>The GC heap bound of `serve` when the machine sets no memory limit (0 turns it off).</summary>
    public int MaxHeapMegabytes { get; set; } = DefaultMaxHeapMegabytes;

    /// <exception cref="OptionsValidationException">A negative heap bound.</exception>
    public static ServeOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<ServeOptions>() ?? new ServeOptions();
        var result = new ServeOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed) throw new OptionsValidationException(Options.DefaultName, typeof(ServeOptions), result.Failures);
        return options;
    }
}
