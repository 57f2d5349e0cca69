using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using Npgsql;
using Shouldly;

namespace MotCua.Tests.Dossiers;

/// <summary>
/// No request can break another: a save that loses a race, fails on a conflict or is cancelled in the middle leaves nothing
/// in the pooled context or the database, and the requests of other people that follow all succeed.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class WritePathTests(MotCuaFactory app)
{
    private const string MaritalStatus = "1.004873";

    [Fact]
    public async Task Saves_that_lose_a_race_or_a_key_conflict_leave_nothing_and_the_next_two_hundred_requests_of_others_succeed()
    {
        var (unit, desk) = await app.DeskAsync(MaritalStatus);
        var codes = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var received = await desk.PostAsJsonAsync("/api/v1/dossiers", IntakeApiTests.Body(MaritalStatus));
            codes.Add((await received.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!);
        }

        // Two officers start each dossier from the same version at once: one wins, the other gets 409 (at its load or at its save).
        foreach (var code in codes)
        {
            var both = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => desk.PostAsJsonAsync($"/api/v1/dossiers/{code}/start", new { version = 1 })));
            both.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        }

        // Five submits of one key at once: the losers' inserts fail on the key's unique index and answer with the winner's dossier.
        var key = Guid.NewGuid().ToString();
        var keyed = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/dossiers") { Content = JsonContent.Create(IntakeApiTests.Body(MaritalStatus)) };
            request.Headers.Add("Idempotency-Key", key);
            return desk.SendAsync(request);
        }));
        keyed.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);

        await OthersSucceedAsync(200);

        // Each started dossier holds its receipt and one start, nothing of the losers: history, notices and milestones alike.
        var ids = app.WithDb(db => db.Dossiers.Where(d => codes.Contains(d.Code!)).Select(d => d.Id).ToList());
        var streams = ids.Select(id => "Dossier:" + id).ToList();
        app.WithDb(db => db.AuditEvents.Where(e => streams.Contains(e.StreamId)).GroupBy(e => e.StreamId).Select(g => g.Count()).ToList())
            .ShouldBe(Enumerable.Repeat(2, codes.Count), ignoreOrder: true);
        var milestones = app.WithDb(db => db.Set<MotCua.Web.Reporting.DossierMilestone>().Where(m => ids.Contains(m.DossierId))
            .GroupBy(m => m.DossierId).Select(g => g.Count()).ToList());
        milestones.Count.ShouldBe(codes.Count);
        milestones.Distinct().Count().ShouldBe(1);
        var topics = ids.Select(id => "Dossier:" + id).ToList();
        app.WithDb(db => db.OutboxMessages.Where(m => topics.Contains(m.Topic!)).GroupBy(m => m.Topic).Select(g => g.Count()).ToList())
            .Distinct().Count().ShouldBe(1);
        app.WithDb(db => db.Dossiers.Count(d => d.ReceivingUnitPath.EndsWith("/" + unit + "/"))).ShouldBe(codes.Count + 1);
        await VerifyHistoryAsync();
    }

    [Fact]
    public async Task Intakes_cancelled_in_the_middle_of_their_insert_batch_leave_no_row_and_no_gap_in_the_codes()
    {
        if (!TestDatabase.IsPostgres)
        {
            // SQLite has no row locks to hold an intake inside its batch: the test below holds its one write lock instead.
            return;
        }

        var (unit, desk) = await app.DeskAsync(MaritalStatus);
        (await desk.PostAsJsonAsync("/api/v1/dossiers", IntakeApiTests.Body(MaritalStatus))).StatusCode.ShouldBe(HttpStatusCode.Created);

        // Another transaction holds uncommitted idempotency records under the keys the intakes will send: each intake takes its
        // code, then its insert batch waits on that key's row, in the middle of its save.
        var actorId = app.WithDb(db => db.RoleAssignments.Where(r => r.Unit!.Code == unit).Select(r => r.UserId).Single());
        var keys = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid().ToString()).ToList();
        await using var blocker = new NpgsqlConnection(app.Database.ConnectionString);
        await blocker.OpenAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        foreach (var key in keys)
        {
            await using var taken = new NpgsqlCommand(
                """INSERT INTO "IdempotencyRecords" ("ActorId", "Key", "DossierId", "CreatedAt") VALUES (@actor, @key, @dossier, now())""", blocker, hold);
            taken.Parameters.AddWithValue("actor", actorId);
            taken.Parameters.AddWithValue("key", key);
            taken.Parameters.AddWithValue("dossier", Guid.NewGuid());
            await taken.ExecuteNonQueryAsync();
        }

        using var cancel = new CancellationTokenSource();
        var cancelled = keys.Select(key =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/dossiers") { Content = JsonContent.Create(IntakeApiTests.Body(MaritalStatus)) };
            request.Headers.Add("Idempotency-Key", key);
            return desk.SendAsync(request, cancel.Token);
        }).ToList();
        await WaitForLockWaitsAsync(expected: cancelled.Count);
        await cancel.CancelAsync();
        foreach (var request in cancelled)
        {
            await Should.ThrowAsync<OperationCanceledException>(() => request);
        }

        await WaitForLockWaitsAsync(expected: 0);
        await hold.RollbackAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => desk.PostAsJsonAsync("/api/v1/dossiers", IntakeApiTests.Body(MaritalStatus))));
        foreach (var response in responses)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }

        // The first intake took 0001: the cancelled ones gave their numbers back, so the next 200 are 0002–0201.
        var codes = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!));
        codes.Select(c => int.Parse(c[^4..], System.Globalization.CultureInfo.InvariantCulture)).Order().ShouldBe(Enumerable.Range(2, 200));
        var ids = app.WithDb(db => db.Dossiers.Where(d => d.ReceivingUnitPath.EndsWith("/" + unit + "/")).Select(d => d.Id).ToList());
        ids.Count.ShouldBe(201);
        var streams = ids.Select(id => "Dossier:" + id).ToList();
        app.WithDb(db => db.AuditEvents.Count(e => e.EntityType == "Dossier" && streams.Contains(e.StreamId))).ShouldBe(201);
        app.WithDb(db => db.Set<MotCua.Web.Reporting.DossierMilestone>().Count(m => ids.Contains(m.DossierId))).ShouldBe(201);
        await OthersSucceedAsync(200);
        await VerifyHistoryAsync();
    }

    [Fact]
    public async Task Intakes_cancelled_while_they_wait_for_the_sqlite_write_lock_leave_no_row_and_no_gap_in_the_codes()
    {
        if (TestDatabase.IsPostgres)
        {
            return;
        }

        // Its own database: holding SQLite's one write lock would stall the other tests' writes.
        var own = new MotCuaFactory();
        await own.InitializeAsync();
        try
        {
            await CancelWhileLockedAsync(own);
        }
        finally
        {
            await ((IAsyncLifetime)own).DisposeAsync();
        }
    }

    private static async Task CancelWhileLockedAsync(MotCuaFactory own)
    {
        var (unit, desk) = await own.DeskAsync(MaritalStatus);
        (await desk.PostAsJsonAsync("/api/v1/dossiers", IntakeApiTests.Body(MaritalStatus))).StatusCode.ShouldBe(HttpStatusCode.Created);

        await using (var blocker = new Microsoft.Data.Sqlite.SqliteConnection(own.Database.ConnectionString))
        {
            await blocker.OpenAsync();
            await using (var begin = blocker.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                await begin.ExecuteNonQueryAsync();
            }

            using var cancel = new CancellationTokenSource();
            var cancelled = Enumerable.Range(0, 6)
                .Select(_ => desk.PostAsJsonAsync("/api/v1/dossiers", IntakeApiTests.Body(MaritalStatus), cancel.Token)).ToList();
            // The intakes reach their write and wait on the lock; whether each is cancelled there or sooner, none may be written.
            await Task.Delay(TimeSpan.FromSeconds(1));
            await cancel.CancelAsync();
            foreach (var request in cancelled)
            {
                await Should.ThrowAsync<OperationCanceledException>(() => request);
            }

            await using var rollback = blocker.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => desk.PostAsJsonAsync("/api/v1/dossiers", IntakeApiTests.Body(MaritalStatus))));
        foreach (var response in responses)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }

        var codes = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!));
        codes.Select(c => int.Parse(c[^4..], System.Globalization.CultureInfo.InvariantCulture)).Order().ShouldBe(Enumerable.Range(2, 50));
        own.WithDb(db => db.Dossiers.Count(d => d.ReceivingUnitPath.EndsWith("/" + unit + "/"))).ShouldBe(51);
    }

    /// <summary>Intakes by desk officers of other units, in parallel, all answered 201.</summary>
    private async Task OthersSucceedAsync(int count)
    {
        var desks = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.DeskAsync(MaritalStatus)));
        var responses = await Task.WhenAll(Enumerable.Range(0, count)
            .Select(i => desks[i % desks.Length].Desk.PostAsJsonAsync("/api/v1/dossiers", IntakeApiTests.Body(MaritalStatus))));
        foreach (var response in responses)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }
    }

    private async Task VerifyHistoryAsync()
    {
        var admin = await app.SignInAsync("sysadmin");
        var verify = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");
        verify.GetProperty("intact").GetBoolean().ShouldBeTrue(verify.ToString());
    }

    /// <summary>Waits until the number of sessions of the test database waiting for a lock reaches <paramref name="expected"/> (at least, or none).</summary>
    private async Task WaitForLockWaitsAsync(int expected)
    {
        // Its own connection, outside any transaction: a transaction keeps its first snapshot of the activity statistics.
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        for (var attempt = 0; attempt < 600; attempt++)
        {
            await using var count = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
            var waiting = (long)(await count.ExecuteScalarAsync())!;
            if (expected == 0 ? waiting == 0 : waiting >= expected)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The intakes never reached {expected} lock waits.");
    }
}
