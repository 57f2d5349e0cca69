using Npgsql;

namespace MotCua.Tests.Infrastructure;

/// <summary>
/// The database a test host runs on. <c>MOTCUA_TEST_PROVIDER=postgres</c> selects PostgreSQL at
/// <c>MOTCUA_TEST_PG</c> (a server connection string); each host gets a fresh database that is dropped
/// afterwards. A missing server fails the test run: nothing is skipped silently.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public static bool IsPostgres =>
        string.Equals(Environment.GetEnvironmentVariable("MOTCUA_TEST_PROVIDER"), "postgres", StringComparison.OrdinalIgnoreCase);

    public string Provider { get; }
    public string ConnectionString { get; }
    private readonly string? _server;
    private readonly string? _databaseName;
    private readonly string? _directory;

    private TestDatabase(string provider, string connectionString, string? server, string? databaseName, string? directory)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _server = server;
        _databaseName = databaseName;
        _directory = directory;
    }

    /// <summary>A fresh database; <paramref name="server"/> names a PostgreSQL server other than <c>MOTCUA_TEST_PG</c>.</summary>
    public static async Task<TestDatabase> CreateAsync(string? server = null)
    {
        if (!IsPostgres && server is null)
        {
            var directory = Path.Combine(Path.GetTempPath(), "motcua-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            return new TestDatabase("Sqlite", $"Data Source={Path.Combine(directory, "motcua.db")};Cache=Shared;Default Timeout=30", null, null, directory);
        }

        server ??= Environment.GetEnvironmentVariable("MOTCUA_TEST_PG")
            ?? throw new InvalidOperationException("MOTCUA_TEST_PROVIDER=postgres needs MOTCUA_TEST_PG, a PostgreSQL server connection string.");
        var name = "motcua_t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 100 };
        return new TestDatabase("Postgres", builder.ConnectionString, server, name, null);
    }

    public async ValueTask DisposeAsync()
    {
        if (_databaseName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_server);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_databaseName} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }

        if (_directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a finishing host is left to the OS temp cleaner.
            }
        }
    }
}
