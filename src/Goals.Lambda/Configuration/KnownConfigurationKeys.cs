namespace Goals.Lambda.Configuration;

/// <summary>
/// The single list of configuration keys a deployment sets (serverless.template's environment variables, in env form
/// <c>:</c> → <c>__</c>). The app reads them through these constants (Goals.Api) or through constants of equal value
/// (Goals.Data's <c>DatabaseConfiguration</c>, which cannot reference this assembly); tests check the template against
/// this list and this list against the code that reads each key. Local-only keys (Auth:SigningKey,
/// Database:DataDirectory, Cors:Origins, ...) are not here because a deployment never sets them.
/// </summary>
public static class KnownConfigurationKeys
{
    public const string ConnectionString = "ConnectionStrings:Goals";
    public const string DatabaseRootCertificate = "Database:RootCertificate";
    public const string DatabaseApplicationName = "Database:ApplicationName";
    public const string DatabaseMaxPoolSize = "Database:MaxPoolSize";
    public const string DatabaseConnectionLifetime = "Database:ConnectionLifetimeSeconds";
    public const string DatabaseConnectionIdleLifetime = "Database:ConnectionIdleLifetimeSeconds";
    public const string DatabaseKeepalive = "Database:KeepaliveSeconds";
    public const string DatabaseConnectTimeout = "Database:ConnectTimeoutSeconds";
    public const string AuthIssuer = "Auth:Issuer";
    public const string AuthAudience = "Auth:Audience";
    public const string AuthAuthority = "Auth:Authority";

    /// <summary>The section bound to the app's GraphQL settings; its keys below are properties of that class.</summary>
    public const string GraphQLSection = "GraphQL";
    public const string GraphQLIde = GraphQLSection + ":Ide";
    public const string GraphQLIntrospection = GraphQLSection + ":Introspection";

    /// <summary>Jobs (serverless.template sets them; the rest of the Jobs section has working defaults).</summary>
    public const string JobsQueueUrl = "Jobs:QueueUrl";
    public const string JobsDeadLetterQueueUrl = "Jobs:DeadLetterQueueUrl";
    public const string JobsBucket = "Jobs:Bucket";

    public static IReadOnlyList<string> All { get; } =
    [
        ConnectionString, DatabaseRootCertificate, DatabaseApplicationName, DatabaseMaxPoolSize,
        DatabaseConnectionLifetime, DatabaseConnectionIdleLifetime, DatabaseKeepalive, DatabaseConnectTimeout,
        AuthIssuer, AuthAudience, AuthAuthority, GraphQLIde, GraphQLIntrospection,
        JobsQueueUrl, JobsDeadLetterQueueUrl, JobsBucket,
    ];

    /// <summary>The environment-variable spelling ASP.NET Core configuration reads: <c>Auth:Issuer</c> → <c>Auth__Issuer</c>.</summary>
    public static string ToEnvironmentVariableName(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
