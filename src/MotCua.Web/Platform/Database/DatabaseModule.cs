using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MotCua.Web.Platform.Observability;
using Npgsql;

namespace MotCua.Web.Platform.Database;

internal static class DatabaseModule
{
    /// <summary>The app's one context, pooled, with the interceptors that modules register and a readiness check.</summary>
    public static WebApplicationBuilder AddDatabase<TContext>(this WebApplicationBuilder builder)
        where TContext : DbContext
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        // The SQLite file lives beside the app, wherever `dotnet run` is started from.
        options.DataDirectory = Path.Combine(builder.Environment.ContentRootPath, options.DataDirectory);
        if (options.SeedDemoData && builder.Environment.IsProduction())
        {
            throw new InvalidOperationException(
                "MotCua:Database:SeedDemoData is on in Production. The demo accounts' passwords and authenticator secret are published: turn it off.");
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<IInterceptor, DbCallMetrics>();
        // Pooled: each request reuses a context and EF's internal services instead of building them again (issue 5). EF clears
        // a context's change tracker when it goes back to the pool, and MotCua keeps no other state in it: nothing a request
        // left unsaved reaches the next one. Modules add their guards as singleton interceptors.
        builder.Services.AddDbContextPool<TContext>((services, db) =>
        {
            Configure(db, options);
            db.AddInterceptors(services.GetServices<IInterceptor>());
        });
        // What Platform itself stores (data-protection keys, the schema) goes through the context without knowing its type.
        builder.Services.AddScoped<DbContext>(services => services.GetRequiredService<TContext>());
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<TContext>("database", tags: ["ready"]);
        return builder;
    }

    public static void Configure(DbContextOptionsBuilder db, DatabaseOptions options)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                db.UseSqlite(SqliteConnectionString(options));
                break;
            case DatabaseProvider.Postgres:
                db.UseNpgsql(PostgresConnectionString(options.ConnectionString
                    ?? throw new InvalidOperationException("MotCua:Database:ConnectionString is required for PostgreSQL.")));
                break;
        }
    }

    /// <summary>
    /// The PostgreSQL connection string with MotCua's defaults. A statement sent a second time on a pooled connection is
    /// prepared, so the reads of every request (session, tracking, inbox) are not parsed and planned again each time
    /// (issue 5). A connection taken from the pool is not reset first: MotCua keeps no session state on a connection (no
    /// SET, no temporary table; the migrator releases its advisory lock itself), and the reset statements cost the server
    /// work on every request. A setting the string gives itself wins.
    /// </summary>
    internal static string PostgresConnectionString(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // Npgsql's builder knows every keyword, set or not; the generic one holds only what the string says.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Given(string keyword) =>
            given.Keys.Cast<string>().Any(key => key.Replace(" ", "", StringComparison.Ordinal).Equals(keyword, StringComparison.OrdinalIgnoreCase));
        if (!Given("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        if (!Given("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    private static string SqliteConnectionString(DatabaseOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }

        Directory.CreateDirectory(options.DataDirectory);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(options.DataDirectory, "motcua.db"),
            Cache = SqliteCacheMode.Shared,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>Creates or upgrades the schema, then lets each module store what it needs at start (<see cref="IStartupData"/>), in the order they registered.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var options = scope.ServiceProvider.GetRequiredService<DatabaseOptions>();
        var db = scope.ServiceProvider.GetRequiredService<DbContext>();
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers go on while the desk writes.
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        SchemaMigrator.Migrate(db, options.Provider);
        foreach (var data in scope.ServiceProvider.GetServices<IStartupData>())
        {
            await data.StoreAsync(scope.ServiceProvider, app.Lifetime.ApplicationStopping);
        }
    }

    internal static bool IsUniqueViolation(Exception exception) => exception.GetBaseException() switch
    {
        // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY; other constraint failures are bugs, not conflicts.
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}

/// <summary>Data a module stores at start, once the schema is in place: reference data, or the demo.</summary>
internal interface IStartupData
{
    Task StoreAsync(IServiceProvider services, CancellationToken cancellationToken);
}
