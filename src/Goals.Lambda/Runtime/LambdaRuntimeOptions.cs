using System.Globalization;

namespace Goals.Lambda.Runtime;

/// <summary>
/// Deadline handling. The handler's token fires at <c>deadline − CancellationMargin</c> so it can wind down
/// (a gateway 504, SQS partial-batch failures); if it has still not answered at <c>deadline − ResponseMargin</c>
/// the loop answers for it, so Lambda never kills the invocation with its own opaque timeout. Winding down takes a
/// cancel request to the database and a ROLLBACK, hundreds of milliseconds on a CPU-starved instance, hence a second.
/// </summary>
public sealed class LambdaRuntimeOptions
{
    public const string CancellationMarginVariable = "GOALS_LAMBDA_CANCELLATION_MARGIN_MS";
    public const string ResponseMarginVariable = "GOALS_LAMBDA_RESPONSE_MARGIN_MS";

    public TimeSpan CancellationMargin { get; set; } = TimeSpan.FromMilliseconds(1000);

    public TimeSpan ResponseMargin { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>The defaults, or the margins the environment sets in milliseconds (the response margin must be the smaller).</summary>
    /// <exception cref="InvalidOperationException">A margin that is not a whole number of milliseconds, or a response margin not below the cancellation margin.</exception>
    public static LambdaRuntimeOptions FromEnvironment()
    {
        var options = new LambdaRuntimeOptions();
        options.CancellationMargin = Read(CancellationMarginVariable) ?? options.CancellationMargin;
        options.ResponseMargin = Read(ResponseMarginVariable) ?? options.ResponseMargin;
        if (options.ResponseMargin >= options.CancellationMargin)
            throw new InvalidOperationException($"{ResponseMarginVariable} must be below {CancellationMarginVariable}: the handler needs time between its cancellation and the loop's answer.");
        return options;
    }

    private static TimeSpan? Read(string variable) =>
        Environment.GetEnvironmentVariable(variable) is not { Length: > 0 } text ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? TimeSpan.FromMilliseconds(ms)
        : throw new InvalidOperationException($"{variable} must be a whole number of milliseconds, not '{text}'.");
}
