namespace MotCua.Web.Platform.Database;

internal enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Bound from the <c>MotCua:Database</c> section.</summary>
internal sealed class DatabaseOptions
{
    public const string Section = "MotCua:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Empty means a SQLite file under <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; set; }

    public string DataDirectory { get; set; } = "data";

    /// <summary>Seeds the Quảng Trị demo units and accounts into an empty database. Off unless set (appsettings.Development.json
    /// sets it for <c>dotnet run</c>), and refused in Production: the demo's passwords and authenticator secret are published.</summary>
    public bool SeedDemoData { get; set; }
}
