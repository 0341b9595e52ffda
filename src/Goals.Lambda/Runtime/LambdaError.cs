namespace Goals.Lambda.Runtime;

/// <summary>The Runtime API's error document: <c>{"errorMessage","errorType","stackTrace"}</c>.</summary>
public sealed record LambdaError(string ErrorMessage, string ErrorType, IReadOnlyList<string> StackTrace)
{
    public const string TimeoutErrorType = "Goals.Lambda.InvocationTimeout";

    public static LambdaError FromException(Exception exception)
    {
        var lines = (exception.StackTrace ?? string.Empty)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new LambdaError(exception.Message, exception.GetType().FullName ?? exception.GetType().Name, lines);
    }
}
