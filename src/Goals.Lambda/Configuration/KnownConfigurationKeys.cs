namespace Goals.Lambda.Configuration;

/// <summary>
/// Every configuration key the deployment may set. serverless.template's environment variables are checked
/// against this list (in env form, <c>:</c> → <c>__</c>) by the tests.
/// </summary>
public static class KnownConfigurationKeys
{
    public const string ConnectionString = "ConnectionStrings:Goals";
    public const string DatabaseRootCertificate = "Database:RootCertificate";
    public const string DatabaseApplicationName = "Database:ApplicationName";
    public const string DatabaseMaxPoolSize = "Database:MaxPoolSize";
    public const string AuthIssuer = "Auth:Issuer";
    public const string AuthAudience = "Auth:Audience";
    public const string AuthAuthority = "Auth:Authority";
    public const string JobsQueueUrl = "Jobs:QueueUrl";
    public const string GraphQLIde = "GraphQL:Ide";
    public const string GraphQLIntrospection = "GraphQL:Introspection";

    public static IReadOnlyList<string> All { get; } =
    [
        ConnectionString, DatabaseRootCertificate, DatabaseApplicationName, DatabaseMaxPoolSize,
        AuthIssuer, AuthAudience, AuthAuthority, JobsQueueUrl, GraphQLIde, GraphQLIntrospection,
    ];

    /// <summary>The environment-variable spelling ASP.NET Core configuration reads: <c>Auth:Issuer</c> → <c>Auth__Issuer</c>.</summary>
    public static string ToEnvironmentVariableName(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
