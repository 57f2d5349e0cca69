using Microsoft.EntityFrameworkCore;
using MotCua.Web;
using MotCua.Web.Platform.Database;

// Usage: dotnet run --project tools/MotCua.SchemaTool -- sqlite|postgres
// Compare its output with the existing scripts to write the next one in
// src/MotCua.Migrations.<Provider>/Scripts; SchemaMatchesModelTests proves the result.
var provider = args.FirstOrDefault()?.ToLowerInvariant() switch
{
    "postgres" => DatabaseProvider.Postgres,
    "sqlite" => DatabaseProvider.Sqlite,
    _ => throw new ArgumentException("Usage: MotCua.SchemaTool sqlite|postgres"),
};
var options = new DbContextOptionsBuilder<MotCuaDbContext>();
DatabaseModule.Configure(options, new DatabaseOptions
{
    Provider = provider,
    ConnectionString = provider == DatabaseProvider.Postgres ? "Host=localhost" : "Data Source=:memory:",
});
using var db = new MotCuaDbContext(options.Options);
Console.WriteLine(db.Database.GenerateCreateScript());
