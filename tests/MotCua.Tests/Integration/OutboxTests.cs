using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web;
using MotCua.Web.Integration.Outbox;
using MotCua.Web.Platform.Database;
using Shouldly;

namespace MotCua.Tests.Integration;

// A database of its own: delivery rounds and the flaky gateway count every pending message, and other tests queue many.
public sealed class OutboxTests(MotCuaFactory app) : IClassFixture<MotCuaFactory>
{
    [Fact]
    public async Task A_message_commits_with_its_change_and_a_rolled_back_change_sends_nothing()
    {
        var kept = "Dossier:" + Guid.NewGuid();
        var dropped = "Dossier:" + Guid.NewGuid();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
            var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                outbox.Enqueue(NotificationChannel.Sms, "0912345678", "Hồ sơ", "Hồ sơ của bạn đã được tiếp nhận.", dropped);
                await db.SaveChangesAsync();
                await transaction.RollbackAsync();
            }

            db.ChangeTracker.Clear();
            outbox.Enqueue(NotificationChannel.Email, "dan@example.vn", "Tiếp nhận hồ sơ", "Hồ sơ của bạn đã được tiếp nhận.", kept);
            await db.SaveChangesAsync();
        }

        using (var scope = app.Services.CreateScope())
        {
            await OutboxWorker.DeliverDueAsync(scope.ServiceProvider, CancellationToken.None);
        }

        var rows = app.WithDb(db => db.OutboxMessages.Where(m => m.Topic == kept || m.Topic == dropped).ToList());
        rows.Single().Topic.ShouldBe(kept);
        rows.Single().DeliveredAt.ShouldNotBeNull();
        var folder = app.Services.GetRequiredService<OutboxOptions>().Folder;
        var file = Directory.GetFiles(folder).Single(f => File.ReadAllText(f).Contains(kept, StringComparison.Ordinal));
        File.ReadAllText(file).ShouldContain("Hồ sơ của bạn đã được tiếp nhận.");
    }

    [Fact]
    public async Task A_failing_gateway_is_retried_with_back_off_until_it_accepts()
    {
        var topic = "Dossier:" + Guid.NewGuid();
        var sink = new FlakySink(topic, failures: 2);
        using var host = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<INotificationSink>(sink)));
        using (var scope = host.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<Outbox>().Enqueue(NotificationChannel.Sms, "0987654321", "Bổ sung", "Vui lòng bổ sung hồ sơ.", topic);
            await scope.ServiceProvider.GetRequiredService<MotCuaDbContext>().SaveChangesAsync();
        }

        for (var round = 0; round < 3; round++)
        {
            using var scope = host.Services.CreateScope();
            await OutboxWorker.DeliverDueAsync(scope.ServiceProvider, CancellationToken.None);
            var message = await scope.ServiceProvider.GetRequiredService<MotCuaDbContext>().OutboxMessages.SingleAsync(m => m.Topic == topic);
            if (round < 2)
            {
                message.DeliveredAt.ShouldBeNull();
                message.LastError!.ShouldContain("gateway down");
                // Not retried before its back-off time.
                await OutboxWorker.DeliverDueAsync(scope.ServiceProvider, CancellationToken.None);
                (await scope.ServiceProvider.GetRequiredService<MotCuaDbContext>().OutboxMessages.AsNoTracking().SingleAsync(m => m.Topic == topic)).Attempts.ShouldBe(round + 1);
                app.Clock.Advance(TimeSpan.FromMinutes(5));
            }
            else
            {
                message.DeliveredAt.ShouldNotBeNull();
                message.Attempts.ShouldBe(3);
            }
        }

        app.Clock.Reset();
        sink.Sent.ShouldBe([topic]);
    }

    /// <summary>Fails the first sends of one topic; everything else (other tests' messages) goes through.</summary>
    private sealed class FlakySink(string topic, int failures) : INotificationSink
    {
        private int _failuresLeft = failures;

        public List<string?> Sent { get; } = [];

        public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            if (message.Topic != topic)
            {
                return Task.CompletedTask;
            }

            if (_failuresLeft-- > 0)
            {
                throw new HttpRequestException("gateway down");
            }

            Sent.Add(message.Topic);
            return Task.CompletedTask;
        }
    }
}
