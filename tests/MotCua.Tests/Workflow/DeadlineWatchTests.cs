using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Integration.Outbox;
using MotCua.Web.Workflow;
using Shouldly;
using static MotCua.Tests.Workflow.WorkflowApiTests;

namespace MotCua.Tests.Workflow;

/// <summary>
/// The deadline watch's use cases, driven directly on real 2026 dates, each round run by two "nodes" at once.
/// Xác nhận tình trạng hôn nhân: 3 working days, so a receipt on Mon 05/01 09:00 is due Thu 08/01 09:00.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DeadlineWatchTests(MotCuaFactory app)
{
    private const string MaritalStatus = "1.004873";

    private readonly WorkflowApiTests _flow = new(app);

    private static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(7));

    [Fact]
    public async Task A_dossier_without_its_supplement_for_30_working_days_stops_once_with_the_reason_and_the_owner_is_told()
    {
        var (unit, desk, _, specialist, _) = await _flow.ArrangeAsync();
        string code;
        try
        {
            code = await _flow.ReceiveAsync(desk, Vn(5, 9));
            var started = await _flow.ActAsync(desk, code, "start", Vn(5, 9, 30), new { version = 1 });
            await _flow.ActAsync(specialist, code, "supplement-request", Vn(6, 10), new { version = Version(started), reason = "Thiếu bản sao sổ hộ khẩu" });

            // 30 working days from Tue 06/01 10:00, counting the working Saturday 10/01 and skipping Tết (Mon 16/02 – Fri 20/02): Mon 23/02 10:00.
            app.Clock.SetNow(At(2, 23, 9, 59));
            await RoundsAsync(CloseUnsupplementedDossiers.RunAsync);
            Dossier(code).State.ShouldBe(DossierState.AwaitingSupplement);

            app.Clock.SetNow(At(2, 23, 10));
            await RoundsAsync(CloseUnsupplementedDossiers.RunAsync);
        }
        finally
        {
            app.Clock.Reset();
        }

        var dossier = Dossier(code);
        dossier.State.ShouldBe(DossierState.Stopped);
        dossier.State.NationalCode().ShouldBe(8);
        dossier.ClosedAt.ShouldBe(At(2, 23, 10).UtcDateTime);
        dossier.Reason.ShouldBe("Quá 30 ngày làm việc kể từ ngày yêu cầu bổ sung (06/01/2026) mà hồ sơ chưa được bổ sung, hoàn thiện.");
        dossier.Suspensions.Single().To.ShouldBe(At(2, 23, 10).UtcDateTime);

        var history = app.WithDb(db => db.AuditEvents.Where(e => e.EntityId == dossier.Id.ToString() && e.Action == "dossier.closed-unsupplemented").ToList());
        history.Count.ShouldBe(1);
        history[0].ActorName.ShouldBe("system");
        history[0].OccurredAt.ShouldBe(At(2, 23, 10).UtcDateTime);
        var notices = app.WithDb(db => db.Set<OutboxMessage>().Where(m => m.Topic == "Dossier:" + dossier.Id && m.Body.Contains("Dừng xử lý")).ToList());
        notices.Select(m => m.Channel).Order().ShouldBe([NotificationChannel.Email, NotificationChannel.Sms]);

        // The statistics count it as stopped on the day it closed, no longer as awaiting a supplement (DESIGN.md §4.8).
        var figures = await Reporting.PeriodFiguresApiTests.SummaryAsync(desk, unit, "2026-02-23", "2026-02-23");
        figures.GetProperty("carriedOver").GetInt32().ShouldBe(1);
        figures.GetProperty("stopped").GetInt32().ShouldBe(1);
        figures.GetProperty("awaitingSupplement").GetInt32().ShouldBe(0);
        notices[0].Body.ShouldContain(dossier.Reason!);
    }

    [Fact]
    public async Task Assignee_and_desk_hear_once_when_due_soon_and_once_when_overdue_and_again_for_a_new_appointment()
    {
        var (unit, desk, specialistName, specialist, leader) = await _flow.ArrangeAsync();
        app.WithDb(db =>
        {
            foreach (var user in db.Users.Where(u => u.UserName == specialistName
                || u.Roles.Any(r => r.Role == StaffRole.DeskOfficer && db.Units.Any(x => x.Id == r.UnitId && x.Code == unit))))
            {
                user.Email = user.UserName + "@example.vn";
            }

            return db.SaveChanges();
        });
        string code;
        try
        {
            code = await _flow.ReceiveAsync(desk, Vn(5, 9));
            var started = await _flow.ActAsync(desk, code, "start", Vn(5, 9, 30), new { version = 1 });
            var assigned = await _flow.ActAsync(specialist, code, "assign", Vn(5, 10), new { version = Version(started), assigneeUserName = specialistName });
            var id = Dossier(code).Id;

            // Due Thu 08/01 09:00; 8 working hours before is Wed 07/01 09:00 (07:00–11:30, 13:30–17:00).
            app.Clock.SetNow(Vn(7, 8, 59));
            await RoundsAsync(FlagDueDossiers.RunAsync);
            Notices(id).ShouldBeEmpty();

            app.Clock.SetNow(Vn(7, 9));
            await RoundsAsync(FlagDueDossiers.RunAsync);
            app.Clock.SetNow(Vn(7, 9, 30));
            await RoundsAsync(FlagDueDossiers.RunAsync);
            var soon = Notices(id);
            soon.Select(m => m.Recipient).Order(StringComparer.Ordinal).ShouldBe(StaffEmails(unit, specialistName));
            soon.ShouldAllBe(m => m.Body.Contains("sắp đến hạn", StringComparison.Ordinal) && m.Body.Contains("09:00 08/01/2026", StringComparison.Ordinal));

            // A new appointment (form 04, issued by the working day before) is a new due date: due soon may be told again.
            var extended = await _flow.ActAsync(leader, code, "extend", Vn(7, 15),
                new { version = Version(assigned), newDueAt = Vn(12, 9), reason = "Chờ xác minh của UBND xã nơi cư trú trước đây" });
            extended.GetProperty("dueAt").GetString().ShouldBe("2026-01-12T09:00:00+07:00");
            // 8 working hours before Mon 12/01 09:00 is 09:00 on Saturday 10/01, a working Saturday in the 2026 calendar.
            app.Clock.SetNow(Vn(10, 8, 59));
            await RoundsAsync(FlagDueDossiers.RunAsync);
            Notices(id).Count.ShouldBe(2);
            app.Clock.SetNow(Vn(10, 9));
            await RoundsAsync(FlagDueDossiers.RunAsync);

            app.Clock.SetNow(Vn(12, 9, 1));
            await RoundsAsync(FlagDueDossiers.RunAsync);
            app.Clock.SetNow(Vn(13, 8));
            await RoundsAsync(FlagDueDossiers.RunAsync);
        }
        finally
        {
            app.Clock.Reset();
        }

        var dossier = Dossier(code);
        var notices = Notices(dossier.Id);
        notices.Count(m => m.Body.Contains("sắp đến hạn", StringComparison.Ordinal) && m.Body.Contains("09:00 12/01/2026", StringComparison.Ordinal)).ShouldBe(2);
        notices.Count(m => m.Body.Contains("đã quá hạn", StringComparison.Ordinal) && m.Body.Contains("09:00 12/01/2026", StringComparison.Ordinal)).ShouldBe(2);
        notices.Count.ShouldBe(6);
        dossier.OverdueNoticeFor.ShouldBe(Vn(12, 9).UtcDateTime);
        var flags = app.WithDb(db => db.AuditEvents.Where(e => e.EntityId == dossier.Id.ToString() && e.Action.EndsWith("-flagged")).Select(e => e.Action).ToList());
        flags.Order(StringComparer.Ordinal).ShouldBe(["dossier.due-soon-flagged", "dossier.due-soon-flagged", "dossier.overdue-flagged"]);
        dossier.State.ShouldBe(DossierState.Processing);
        dossier.Version.ShouldBe(4);
    }

    [Fact]
    public async Task A_dossier_waiting_for_a_payment_whose_time_counts_goes_overdue_and_one_whose_clock_stopped_does_not()
    {
        var (_, desk, _, specialist, _) = await _flow.ArrangeAsync();
        string counted, stopped;
        try
        {
            // Both due Thu 08/01 09:00; payment asked Tue 06/01 10:00, once for a procedure that counts that wait, once for one that does not.
            _flow.PaymentTimeCounts(true);
            (counted, var started) = await _flow.ReceiveAndStartAsync(desk);
            await _flow.ActAsync(specialist, counted, "payment-request", Vn(6, 10), new { version = Version(started), amount = 120_000, purpose = "Phí thẩm định" });
            _flow.PaymentTimeCounts(false);
            (stopped, var startedToo) = await _flow.ReceiveAndStartAsync(desk);
            await _flow.ActAsync(specialist, stopped, "payment-request", Vn(6, 10), new { version = Version(startedToo), amount = 120_000, purpose = "Lệ phí" });

            app.Clock.SetNow(Vn(9, 12));
            await RoundsAsync(FlagDueDossiers.RunAsync);
        }
        finally
        {
            _flow.PaymentTimeCounts(false);
            app.Clock.Reset();
        }

        Dossier(counted).OverdueNoticeFor.ShouldBe(Vn(8, 9).UtcDateTime);
        Dossier(counted).State.ShouldBe(DossierState.AwaitingPayment);
        Dossier(stopped).OverdueNoticeFor.ShouldBeNull();
        Dossier(stopped).SoonDueNoticeFor.ShouldBeNull();
    }

    [Theory]
    [InlineData(0, 8, 60)]
    [InlineData(366, 8, 60)]
    [InlineData(30, 0, 60)]
    [InlineData(30, 8, 0)]
    public void A_watch_setting_out_of_range_stops_the_start(int waitDays, int soonHours, int intervalSeconds) =>
        Should.Throw<InvalidOperationException>(() => new WorkflowOptions
        {
            SupplementWaitWorkingDays = waitDays,
            SoonDueWorkingHours = soonHours,
            WatchInterval = TimeSpan.FromSeconds(intervalSeconds),
        }.Validated());

    /// <summary>Two web nodes running the same round at the same moment.</summary>
    private async Task<int[]> RoundsAsync<T>(Func<IServiceProvider, CancellationToken, Task<T>> round)
    {
        async Task<int> One()
        {
            using var scope = app.Services.CreateScope();
            var result = await round(scope.ServiceProvider, CancellationToken.None);
            return result is int count ? count : 0;
        }

        return await Task.WhenAll(One(), One());
    }

    private Dossier Dossier(string code) => app.WithDb(db => db.Dossiers.AsNoTracking().Single(d => d.Code == code));

    private List<OutboxMessage> Notices(Guid dossierId) =>
        app.WithDb(db => db.Set<OutboxMessage>().Where(m => m.Topic == "Dossier:" + dossierId && m.Subject == "MotCua — hồ sơ cần xử lý").ToList());

    private List<string> StaffEmails(string unit, string specialistName) => app.WithDb(db => db.Users
        .Where(u => u.UserName == specialistName || u.Roles.Any(r => r.Role == StaffRole.DeskOfficer && db.Units.Any(x => x.Id == r.UnitId && x.Code == unit)))
        .Select(u => u.Email!).ToList()).Order(StringComparer.Ordinal).ToList();
}
