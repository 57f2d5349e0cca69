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
    public async Task A_message_another_node_failed_after_this_node_listed_it_is_not_sent_again_before_its_back_off()
    {
        // Two nodes are two scopes of one host sharing the sink. Node 2 lists both messages, then holds the first in its
        // gateway call; meanwhile node 1 sends the second, which fails and waits for its back-off.
        var (held, failing) = ("Dossier:" + Guid.NewGuid(), "Dossier:" + Guid.NewGuid());
        var sink = new HoldingSink(held, failing);
        using var host = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<INotificationSink>(sink)));
        using (var scope = host.Services.CreateScope())
        {
            await OutboxWorker.DeliverDueAsync(scope.ServiceProvider, CancellationToken.None);
            var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
            outbox.Enqueue(NotificationChannel.Sms, "0987654321", "Tiếp nhận", "Hồ sơ đã được tiếp nhận.", held);
            await scope.ServiceProvider.GetRequiredService<MotCuaDbContext>().SaveChangesAsync();
            outbox.Enqueue(NotificationChannel.Sms, "0987654322", "Tiếp nhận", "Hồ sơ đã được tiếp nhận.", failing);
            await scope.ServiceProvider.GetRequiredService<MotCuaDbContext>().SaveChangesAsync();
        }

        using var node2 = host.Services.CreateScope();
        var round2 = OutboxWorker.DeliverDueAsync(node2.ServiceProvider, CancellationToken.None);
        await sink.Holding.Task;
        using (var node1 = host.Services.CreateScope())
        {
            await OutboxWorker.DeliverDueAsync(node1.ServiceProvider, CancellationToken.None);
        }

        sink.Release.SetResult();
        await round2;

        sink.Attempts(failing).ShouldBe(1);
        var message = app.WithDb(db => db.OutboxMessages.Single(m => m.Topic == failing));
        message.Attempts.ShouldBe(1);
        message.DeliveredAt.ShouldBeNull();
    }

    /// <summary>Holds the send of one topic until released and fails every send of another.</summary>
    private sealed class HoldingSink(string held, string failing) : INotificationSink
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string?> _calls = [];

        public TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Attempts(string topic) => _calls.Count(t => t == topic);

        public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            _calls.Enqueue(message.Topic);
            if (message.Topic == held)
            {
                Holding.TrySetResult();
                await Release.Task;
            }
            else if (message.Topic == failing)
            {
                throw new HttpRequestException("gateway down");
            }
        }
    }
}
