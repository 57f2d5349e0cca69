using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web;
using MotCua.Web.Platform.Database;
using Shouldly;

namespace MotCua.Tests.Foundation;

/// <summary>Tamper evidence. Its own host: these tests break the chain on purpose.</summary>
public sealed class AuditChainTests(MotCuaFactory app) : IClassFixture<MotCuaFactory>
{
    [Fact]
    public async Task Verify_finds_the_first_row_whose_content_was_changed_behind_the_apps_back()
    {
        var admin = await app.SignInAsync("sysadmin");
        var code = MotCuaFactory.UniqueCode();
        (await admin.PostAsJsonAsync("/api/v1/units", new { code, name = "Xã Kiểm Toán", kind = "Commune", parentCode = "000.00.00.H50", validFrom = "2020-01-01" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var intact = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");
        intact.GetProperty("intact").GetBoolean().ShouldBeTrue(intact.ToString());
        intact.GetProperty("eventsChecked").GetInt64().ShouldBeGreaterThan(100);

        var rowId = app.WithDb(db => db.AuditEvents.Where(e => e.StreamId == "Unit:" + code).Select(e => e.Id).Single());
        await TamperAsync($"UPDATE \"AuditEvents\" SET \"ActorName\" = 'Kẻ gian' WHERE \"Id\" = {rowId}");

        var broken = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");
        broken.GetProperty("intact").GetBoolean().ShouldBeFalse();
        broken.GetProperty("firstBroken").GetProperty("id").GetInt64().ShouldBe(rowId);
        broken.GetProperty("firstBroken").GetProperty("reason").GetString().ShouldBe("content-hash-mismatch");
    }

    [Fact]
    public async Task The_database_and_the_app_both_refuse_to_change_history()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        var row = await db.AuditEvents.OrderBy(e => e.Id).FirstAsync();
        db.Remove(row);
        await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEvents\" WHERE \"Id\" = {row.Id}"));
    }

    private async Task TamperAsync(string sql)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        // An attacker with database access would first remove the guard triggers.
        if (TestDatabase.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditEvents\" DISABLE TRIGGER USER");
            await db.Database.ExecuteSqlRawAsync(sql);
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditEvents\" ENABLE TRIGGER USER");
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER \"AuditEvents_append_only_update\"; DROP TRIGGER \"AuditEvents_append_only_delete\";");
            await db.Database.ExecuteSqlRawAsync(sql);
            // Put the guards back as script 0002 creates them, so the other tests of this database still run against them.
            await db.Database.ExecuteSqlRawAsync("""
                CREATE TRIGGER "AuditEvents_append_only_update" BEFORE UPDATE ON "AuditEvents" BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
                CREATE TRIGGER "AuditEvents_append_only_delete" BEFORE DELETE ON "AuditEvents" BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
                """);
        }
    }

    [Fact]
    public async Task Deleting_a_whole_stream_after_a_digest_is_detected()
    {
        // A separate host, so that the other test's tampering does not mask this one.
        await using var own = new MotCuaFactory();
        await ((IAsyncLifetime)own).InitializeAsync();
        try
        {
            var admin = await own.SignInAsync("sysadmin");
            var code = MotCuaFactory.UniqueCode();
            (await admin.PostAsJsonAsync("/api/v1/units", new { code, name = "Xã Bị Xóa", kind = "Commune", parentCode = "000.00.00.H50", validFrom = "2020-01-01" }))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
            (await admin.PostAsync("/api/v1/audit/digests", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

            using (var scope = own.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
                if (TestDatabase.IsPostgres)
                {
                    await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditEvents\" DISABLE TRIGGER USER");
                }
                else
                {
                    await db.Database.ExecuteSqlRawAsync("DROP TRIGGER \"AuditEvents_append_only_delete\"");
                }

                await db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEvents\" WHERE \"StreamId\" = {"Unit:" + code}");
            }

            var verify = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");
            verify.GetProperty("intact").GetBoolean().ShouldBeFalse();
            verify.GetProperty("firstBroken").GetProperty("streamId").GetString().ShouldBe("Unit:" + code);
            verify.GetProperty("firstBroken").GetProperty("reason").GetString().ShouldBe("stream-truncated-or-deleted");
        }
        finally
        {
            await ((IAsyncLifetime)own).DisposeAsync();
        }
    }
}
