using System.Net.Sockets;
using Npgsql;

namespace Goals.Data;

/// <summary>Classifies exceptions from Npgsql into the faults the data layer treats differently.</summary>
public static class DatabaseFailures
{
    /// <summary>
    /// The connection or the server went away (socket error, server shutdown or restart, backend terminated, pool or
    /// connect timeout): the database could not answer, as opposed to answering with an error about the statement.
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    return IsUnavailableSqlState(pg.SqlState);
                case NpgsqlException { IsTransient: true }: // socket errors, connect and pool-wait timeouts
                case SocketException:
                case IOException:
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>08* connection exceptions, 57P01 admin shutdown (also pg_terminate_backend), 57P02 crash shutdown,
    /// 57P03 cannot connect now, 57P05 idle session timeout, 53300 too many connections.</summary>
    public static bool IsUnavailableSqlState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.IdleSessionTimeout or PostgresErrorCodes.TooManyConnections;

    /// <summary>True for a statement that cannot change data, so re-sending it after a lost connection is safe.
    /// A top-level SELECT cannot hold a data-modifying CTE (those need WITH); the repositories call no volatile functions.</summary>
    public static bool IsReadOnlyStatement(string sql) =>
        sql.AsSpan().TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);
}
