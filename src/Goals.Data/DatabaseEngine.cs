namespace Goals.Data;

/// <summary>The server behind the data source, detected once from <c>SELECT version()</c>.</summary>
public enum DatabaseEngine
{
    PostgreSQL,
    CockroachDB,
}
