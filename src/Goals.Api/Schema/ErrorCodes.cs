namespace Goals.Api;

/// <summary>The stable extensions.code values the app produces (the engine adds its own, see Goals.GraphQL.ErrorCodes).</summary>
public static class ErrorCodes
{
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string NotFound = "NOT_FOUND";
    public const string Validation = "VALIDATION";
    public const string Conflict = "CONFLICT";

    /// <summary>The connection died while the change was being committed: it may or may not have been saved.
    /// Retrying with the same idempotency key is safe.</summary>
    public const string ResultUnknown = "RESULT_UNKNOWN";

    /// <summary>The database could not be reached (or went away) and nothing was changed: retry later.</summary>
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";
    /// <summary>A create past a `Limits:*` maximum (extensions.limit names it, extensions.maximum is its value).</summary>
    public const string LimitExceeded = "LIMIT_EXCEEDED";
    public const string InternalServerError = "INTERNAL_SERVER_ERROR";
    /// <summary>Jobs: a signed job-file link that is wrong or expired.</summary>
    public const string Forbidden = "FORBIDDEN";

    /// <summary>HTTP-level: the request itself is malformed (bad JSON, missing query, ...).</summary>
    public const string BadRequest = "BAD_REQUEST";

    /// <summary>Persisted operations (Http/PersistedQueries.cs): the hash is not registered; send the query with it.</summary>
    public const string PersistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND";

    /// <summary>Persisted operations: the hash sent with a query is not the query's SHA-256.</summary>
    public const string PersistedQueryHashMismatch = "PERSISTED_QUERY_HASH_MISMATCH";

    /// <summary>Trusted-documents mode: the operation is not in the deployment's manifest.</summary>
    public const string OperationNotTrusted = "OPERATION_NOT_TRUSTED";
}
