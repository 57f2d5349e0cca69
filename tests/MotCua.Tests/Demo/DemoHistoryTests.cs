using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Reporting;
using MotCua.Web.Calendar;
using MotCua.Web.Catalog;
using MotCua.Web.Dossiers;
using Shouldly;

namespace MotCua.Tests.Demo;

/// <summary>
/// The demo's generated past (<c>MotCua:Demo:History</c>), as the first start of the day the tests run makes it: two years of
/// both eras, every channel and outcome, in the shares a province reports; the period report and the Decision 766 score
/// count exactly the generated dossiers; and the same day gives the same history, to the last hash of every dossier's history.
/// </summary>
[Collection(DemoHistoryCollection.Name)]
public sealed class DemoHistoryTests(DemoHistoryHost host)
{
    private static readonly DateOnly TwoTiers = new(2025, 7, 1);

    private static DateOnly Today => DossierTime.VietnamDate(DemoHistoryHost.Today.UtcDateTime);

    private sealed record Row(string? Code, DossierState State, Channel Channel, DateTime? ReceivedAt, DateTime? OriginalDueAt, DateTime? FinishedAt,
        DossierOutcome? Outcome, DateTime? ClosedAt, string HandlingUnitPath)
    {
        public Timeliness? Timeliness => FinishedAt is { } finished && OriginalDueAt is { } due
            ? UnitCalendar.Judge(VietnamTime.FromUtc(finished), VietnamTime.FromUtc(due))
            : null;

        public bool ReceivedIn(DateOnly from, DateOnly to) => ReceivedAt is { } at && In(at, from, to);
    }

    private static bool In(DateTime at, DateOnly from, DateOnly to) => DossierTime.VietnamDate(at) is var day && from <= day && day <= to;

    private List<Row> Dossiers() => host.WithDb(db => db.Dossiers.AsNoTracking()
        .Select(d => new Row(d.Code, d.State, d.Channel, d.ReceivedAt, d.OriginalDueAt, d.FinishedAt, d.Outcome, d.ClosedAt, d.HandlingUnitPath)).ToList());

    [Fact]
    public void Two_years_of_both_eras_hold_every_channel_and_outcome_in_realistic_shares()
    {
        var rows = Dossiers();
        rows.Count.ShouldBeInRange(20_000, 100_000);
        var received = rows.Where(r => r.ReceivedAt is not null).Select(r => DossierTime.VietnamDate(r.ReceivedAt!.Value)).ToList();
        received.Min().ShouldBeLessThanOrEqualTo(Today.AddYears(-2));
        // Up to yesterday; today's dossiers are the ones the browser test receives live.
        received.Count(d => d >= Today).ShouldBeLessThanOrEqualTo(1);

        // The district era: old communes and the districts; since 1/7/2025 the new communes and the departments.
        var before = rows.Where(r => r.ReceivedAt is { } at && DossierTime.VietnamDate(at) < TwoTiers).ToList();
        var after = rows.Where(r => r.ReceivedAt is { } at && DossierTime.VietnamDate(at) >= TwoTiers).ToList();
        before.Count.ShouldBeGreaterThan(1_000);
        before.ShouldAllBe(r => r.HandlingUnitPath.Contains(".12.H50/") || r.HandlingUnitPath.Contains(".13.H50/"));
        after.Count.ShouldBeGreaterThan(1_000);
        after.ShouldAllBe(r => r.HandlingUnitPath.EndsWith(".71.H50/") || r.HandlingUnitPath.EndsWith(".72.H50/") || r.HandlingUnitPath.EndsWith(".73.H50/")
            || r.HandlingUnitPath.EndsWith(".74.H50/") || r.HandlingUnitPath.EndsWith("/000.00.03.H50/") || r.HandlingUnitPath.EndsWith("/000.00.04.H50/"));
        after.Count(r => r.HandlingUnitPath.EndsWith("/000.00.03.H50/")).ShouldBeGreaterThan(0);
        Share(after, r => r.Channel == Channel.Online).ShouldBeGreaterThan(Share(before, r => r.Channel == Channel.Online));
        rows.Count(r => r.Channel == Channel.Postal).ShouldBeGreaterThan(0);

        foreach (var state in new[] { DossierState.Refused, DossierState.Processing, DossierState.AwaitingSupplement, DossierState.Withdrawn,
                     DossierState.Stopped, DossierState.Processed, DossierState.Returned })
        {
            rows.Count(r => r.State == state).ShouldBeGreaterThan(0, state.ToString());
        }

        rows.Count(r => r.Outcome == DossierOutcome.Refusal).ShouldBeGreaterThan(0);
        var decided = rows.Where(r => r.FinishedAt is not null).ToList();
        Share(decided, r => r.Timeliness == Timeliness.Early).ShouldBeInRange(0.6, 0.9);
        Share(decided, r => r.Timeliness == Timeliness.OnTime).ShouldBeInRange(0.08, 0.35);
        Share(decided, r => r.Timeliness == Timeliness.Late).ShouldBeInRange(0.01, 0.08);
    }

    [Fact]
    public async Task The_period_report_and_Decision_766_count_the_generated_dossiers()
    {
        var from = Today.AddYears(-1);
        var to = Today.AddDays(-1);
        var rows = Dossiers();
        using var supervisor = await host.SignInAsync("tinh.giamsat");
        var report = await PeriodFiguresApiTests.SummaryAsync(supervisor, "000.00.00.H50", Iso(from), Iso(to));

        report.GetProperty("receivedNew").GetInt32().ShouldBe(rows.Count(r => r.ReceivedIn(from, to)));
        report.GetProperty("receivedOnline").GetInt32().ShouldBe(rows.Count(r => r.ReceivedIn(from, to) && r.Channel == Channel.Online));
        report.GetProperty("receivedPostal").GetInt32().ShouldBe(rows.Count(r => r.ReceivedIn(from, to) && r.Channel == Channel.Postal));
        var decided = rows.Where(r => r.FinishedAt is { } at && In(at, from, to)).ToList();
        report.GetProperty("resolvedEarly").GetInt32().ShouldBe(decided.Count(r => r.Timeliness == Timeliness.Early));
        report.GetProperty("resolvedOnTime").GetInt32().ShouldBe(decided.Count(r => r.Timeliness == Timeliness.OnTime));
        report.GetProperty("resolvedLate").GetInt32().ShouldBe(decided.Count(r => r.Timeliness == Timeliness.Late));
        report.GetProperty("refused").GetInt32().ShouldBe(rows.Count(r => r.State == DossierState.Refused && In(r.ClosedAt!.Value, from, to)));
        report.GetProperty("withdrawn").GetInt32().ShouldBe(rows.Count(r => r.State == DossierState.Withdrawn && In(r.ClosedAt!.Value, from, to)));
        report.GetProperty("stopped").GetInt32().ShouldBe(rows.Count(r => r.State == DossierState.Stopped && In(r.ClosedAt!.Value, from, to)));
        // Open at the end of the period: received by then, neither decided nor ended by then.
        var open = rows.Count(r => r.ReceivedAt is { } at && DossierTime.VietnamDate(at) <= to
            && !(r.FinishedAt is { } f && DossierTime.VietnamDate(f) <= to)
            && !(r.State is DossierState.Withdrawn or DossierState.Stopped && DossierTime.VietnamDate(r.ClosedAt!.Value) <= to));
        (report.GetProperty("inProgressWithinDeadline").GetInt32() + report.GetProperty("inProgressOverdue").GetInt32()
            + report.GetProperty("awaitingSupplement").GetInt32()).ShouldBe(open);
        report.GetProperty("resultsAttached").GetInt32().ShouldBeGreaterThan(0);

        var score = await supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/reports/decision766?unitCode=000.00.00.H50&from={Iso(from)}&to={Iso(to)}");
        score.GetProperty("total").GetDecimal().ShouldBeGreaterThan(30m);
    }

    [Fact]
    public async Task The_same_day_generates_the_same_history()
    {
        var again = new SameDay();
        try
        {
            await again.InitializeAsync();
            Digest(again).ShouldBe(Digest(host));
        }
        finally
        {
            await ((IAsyncLifetime)again).DisposeAsync();
        }
    }

    /// <summary>The generated dossiers' codes, states and decisions, and the hash of every entry of their history (each covers
    /// every entry before it). What other tests of this host or the system did today is not part of the history.</summary>
    private static string Digest(MotCuaFactory app) => app.WithDb(db =>
    {
        var todayStarts = DemoHistoryHost.Today.UtcDateTime.Date.AddHours(-7);
        var madeToday = db.AuditEvents.AsNoTracking().Where(e => e.EntityType == "Dossier").GroupBy(e => e.EntityId)
            .Where(g => g.Min(e => e.OccurredAt) >= todayStarts).Select(g => g.Key).ToHashSet();
        var text = new StringBuilder();
        foreach (var d in db.Dossiers.AsNoTracking().OrderBy(d => d.Id).Select(d => new { d.Id, d.Code, d.State, d.FinishedAt, d.ReturnedAt })
            .AsEnumerable().Where(d => !madeToday.Contains(d.Id.ToString())))
        {
            text.Append(d.Id).Append(d.Code).Append(d.State).Append(d.FinishedAt?.Ticks).Append(d.ReturnedAt?.Ticks).Append('\n');
        }

        // What the system did today (the deadline watch) is not part of the history either.
        foreach (var e in db.AuditEvents.AsNoTracking().Where(e => e.EntityType == "Dossier" && e.OccurredAt < todayStarts).OrderBy(e => e.StreamId).ThenBy(e => e.Sequence)
            .Select(e => new { e.EntityId, e.Hash }).AsEnumerable().Where(e => !madeToday.Contains(e.EntityId)))
        {
            text.Append(e.Hash);
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    });

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static double Share<T>(IReadOnlyCollection<T> rows, Func<T, bool> which) => (double)rows.Count(which) / rows.Count;

    /// <summary>A second, separate database started on the same day.</summary>
    private sealed class SameDay : MotCuaFactory
    {
        public SameDay() => Clock.SetNow(DemoHistoryHost.Today);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("MotCua:Demo:History", "true");
        }
    }
}
