namespace Goals.GraphQL.Validation;

/// <summary>Thrown to stop validation (error limit or work budget reached).</summary>
internal sealed class ValidationAbortedException : Exception
{
    public ValidationAbortedException() { }
    public ValidationAbortedException(string message) : base(message) { }
    public ValidationAbortedException(string message, Exception inner) : base(message, inner) { }
}
