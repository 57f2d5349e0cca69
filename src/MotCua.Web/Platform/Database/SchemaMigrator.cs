using System.Data;
using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace MotCua.Web.Platform.Database;

/// <summary>
/// Applies the versioned SQL scripts embedded in MotCua.Migrations.Sqlite or MotCua.Migrations.Postgres,
/// in file-name order, each once. <c>dotnet ef migrations add</c> cannot run here (TOOLCHAIN.md), so
/// the scripts are written by hand (or from <c>tools/MotCua.SchemaTool</c>) and a test proves that the
/// migrated schema equals the EF model on both databases.
/// </summary>
internal static class SchemaMigrator
{
    private const string HistoryTable = "__motcua_schema";

    // An arbitrary constant: every web node starting at once waits on the same PostgreSQL advisory lock.
    private const long PostgresLockKey = 7_201_826_118;

    public static IReadOnlyList<(string Version, string Sql)> Scripts(DatabaseProvider provider)
    {
        var assembly = provider switch
        {
            DatabaseProvider.Sqlite => Assembly.Load("MotCua.Migrations.Sqlite"),
            DatabaseProvider.Postgres => Assembly.Load("MotCua.Migrations.Postgres"),
        };
        var prefix = assembly.GetName().Name + ".";
        return assembly.GetManifestResourceNames()
            .Where(name => name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                return (name[prefix.Length..^4], reader.ReadToEnd());
            })
            .ToList();
    }

    public static void Migrate(DbContext db, DatabaseProvider provider)
    {
        var connection = db.Database.GetDbConnection();
        var wasOpen = connection.State == ConnectionState.Open;
        if (!wasOpen)
        {
            connection.Open();
        }

        try
        {
            if (provider == DatabaseProvider.Postgres)
            {
                Execute(connection, null, $"SELECT pg_advisory_lock({PostgresLockKey})");
            }

            Execute(connection, null,
                $"CREATE TABLE IF NOT EXISTS {HistoryTable} (version VARCHAR(200) PRIMARY KEY, applied_at VARCHAR(40) NOT NULL)");
            var applied = new HashSet<string>(StringComparer.Ordinal);
            using (var command = connection.CreateCommand())
            {
                command.CommandText = $"SELECT version FROM {HistoryTable}";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    applied.Add(reader.GetString(0));
                }
            }

            foreach (var (version, sql) in Scripts(provider).Where(s => !applied.Contains(s.Version)))
            {
                using var transaction = connection.BeginTransaction();
                Execute(connection, transaction, sql);
                using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = $"INSERT INTO {HistoryTable} (version, applied_at) VALUES (@v, @t)";
                AddParameter(insert, "@v", version);
                AddParameter(insert, "@t", DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                insert.ExecuteNonQuery();
                transaction.Commit();
            }

            if (provider == DatabaseProvider.Postgres)
            {
                Execute(connection, null, $"SELECT pg_advisory_unlock({PostgresLockKey})");
            }
        }
        finally
        {
            if (!wasOpen)
            {
                connection.Close();
            }
        }
    }

    private static void Execute(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
