using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web;
using MotCua.Web.Platform.Database;
using Shouldly;

namespace MotCua.Tests.Foundation;

/// <summary>
/// The hand-written SQL scripts must create exactly the schema the EF model expects (tables, columns,
/// types, nullability, indexes). Without a model snapshot, nothing else would catch a forgotten script.
/// </summary>
public sealed class SchemaMatchesModelTests
{
    [Fact]
    public async Task Migrated_schema_equals_the_schema_of_the_model()
    {
        await using var migratedDb = await TestDatabase.CreateAsync();
        await using var modelDb = await TestDatabase.CreateAsync();
        var provider = Enum.Parse<DatabaseProvider>(migratedDb.Provider);

        await using (var migrated = Context(migratedDb))
        {
            SchemaMigrator.Migrate(migrated, provider);
            await using var fromModel = Context(modelDb);
            await fromModel.Database.EnsureCreatedAsync();

            var expected = await DescribeAsync(fromModel, provider);
            var actual = await DescribeAsync(migrated, provider);
            expected.Count.ShouldBeGreaterThan(50);
            actual.Except(expected).ShouldBeEmpty("in the scripts but not in the model");
            expected.Except(actual).ShouldBeEmpty("in the model but not in the scripts");
        }
    }

    [Fact]
    public async Task Migrating_twice_applies_each_script_once()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = Context(database);
        var provider = Enum.Parse<DatabaseProvider>(database.Provider);
        SchemaMigrator.Migrate(db, provider);
        SchemaMigrator.Migrate(db, provider);
        var applied = await db.Database.SqlQueryRaw<string>("SELECT version AS \"Value\" FROM __motcua_schema").ToListAsync();
        applied.ShouldBe(SchemaMigrator.Scripts(provider).Select(s => s.Version).ToList(), ignoreOrder: true);
    }

    private static MotCuaDbContext Context(TestDatabase database)
    {
        var options = new DbContextOptionsBuilder<MotCuaDbContext>();
        DatabaseModule.Configure(options, new DatabaseOptions { Provider = Enum.Parse<DatabaseProvider>(database.Provider), ConnectionString = database.ConnectionString });
        return new MotCuaDbContext(options.Options);
    }

    private static async Task<List<string>> DescribeAsync(MotCuaDbContext db, DatabaseProvider provider)
    {
        var sql = provider switch
        {
            DatabaseProvider.Sqlite => """
                SELECT 'column ' || m.name || '.' || c.name || ' ' || c.type || CASE WHEN c."notnull" = 1 OR c.pk = 1 THEN ' not null' ELSE ' null' END || CASE WHEN c.pk > 0 THEN ' pk' ELSE '' END
                FROM sqlite_master m JOIN pragma_table_info(m.name) c
                WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '__motcua_schema'
                UNION ALL
                SELECT 'index ' || m.name || ' ' || il.name || CASE WHEN il."unique" = 1 THEN ' unique' ELSE '' END || CASE WHEN il.partial = 1 THEN ' partial' ELSE '' END || ' (' ||
                    (SELECT group_concat(ii.name, ',') FROM pragma_index_info(il.name) ii) || ')'
                FROM sqlite_master m JOIN pragma_index_list(m.name) il
                WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND il.origin = 'c'
                """,
            DatabaseProvider.Postgres => """
                SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || COALESCE('(' || character_maximum_length || ')', '') || ' ' || is_nullable
                FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '__motcua_schema'
                UNION ALL
                SELECT 'index ' || tablename || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '__motcua_schema'
                """,
        };
        var rows = new List<string>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
