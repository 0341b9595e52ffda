namespace Goals.Api;

/// <summary>The stable extensions.code values the app produces (the engine adds its own, see Goals.GraphQL.ErrorCodes).</summary>
public static class ErrorCodes
{
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string NotFound = "NOT_FOUND";
    public const string Validation = "VALIDATION";
    public const string Conflict = "CONFLICT";
    public const string InternalServerError = "INTERNAL_SERVER_ERROR";
    /// <summary>Jobs: a signed job-file link that is wrong or expired.</summary>
    public const string Forbidden = "FORBIDDEN";

    /// <summary>HTTP-level: the request itself is malformed (bad JSON, missing query, ...).</summary>
    public const string BadRequest = "BAD_REQUEST";
}
