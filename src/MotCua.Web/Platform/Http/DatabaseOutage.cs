using Microsoft.Data.Sqlite;
using Npgsql;

namespace MotCua.Web.Platform.Http;

/// <summary>
/// Tells a database that cannot be reached (stopped, restarting, refusing connections, its file locked) from a
/// request's own fault: the client gets 503 with <c>Retry-After</c>, not 500, and may simply try again.
/// </summary>
internal static class DatabaseOutage
{
    public const string RetryAfterSeconds = "10";

    public static bool IsOutage(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var outage = e switch
            {
                // Connection, shutdown and resource classes: 08 connection exception, 57P admin shutdown or starting up, 53 out of resources.
                PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                    || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal)
                    || postgres.SqlState.StartsWith("53", StringComparison.Ordinal),
                // Refused, reset or timed-out connections, and a pool with no connection left.
                NpgsqlException npgsql => npgsql.IsTransient,
                // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR, SQLITE_CANTOPEN.
                SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6 or 10 or 14,
                _ => false,
            };
            if (outage)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Drops the pooled PostgreSQL connections: after a restart each of them is broken, and without this the first
    /// request to draw one would fail although the server is back.
    /// </summary>
    public static void ForgetConnections() => NpgsqlConnection.ClearAllPools();
}
