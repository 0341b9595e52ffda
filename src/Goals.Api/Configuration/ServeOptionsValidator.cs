using Microsoft.Extensions.Options;

namespace Goals.Api.Configuration;

/// <summary>A negative heap bound is a typo, not a wish: refused.</summary>
public sealed class ServeOptionsValidator : IValidateOptions<ServeOptions>
{
    public ValidateOptionsResult Validate(string? name, ServeOptions options) => options.MaxHeapMegabytes < 0
        ? ValidateOptionsResult.Fail($"{ServeOptions.Section}:{nameof(options.MaxHeapMegabytes)} must be a whole number of megabytes "
            + $"(0 turns the limit off), not '{options.MaxHeapMegabytes}'.")
        : ValidateOptionsResult.Success;
}
