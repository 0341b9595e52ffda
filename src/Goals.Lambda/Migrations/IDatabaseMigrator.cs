namespace Goals.Lambda.Migrations;

/// <summary>Brings the database schema up to date; registered by the app, run by the <c>migrate</c> handler at deploy time.</summary>
public interface IDatabaseMigrator
{
    Task MigrateAsync(CancellationToken cancellationToken);
}
