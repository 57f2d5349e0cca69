using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Reporting;
using MotCua.Web.Units;
using Shouldly;

namespace MotCua.Tests.Reporting;

/// <summary>
/// Random histories, imported: for many periods the figures from the maintained facts (before and after folding)
/// equal a naive recount written straight from the definitions of DESIGN.md §4.8, every drill-down lists as many
/// dossiers as its figure, and the balance holds.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ReportConsistencyTests(MotCuaFactory app)
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    private sealed record Suspension(DateTimeOffset From, DateTimeOffset? To, DateTimeOffset? NewDue);

    private sealed record History(string Code, string Unit, string Channel, DateTimeOffset? Received, DateTimeOffset? Due, Suspension? Suspension,
        string? EndKind, DateTimeOffset? End, DateTimeOffset? RefusedAt);

    [Fact]
    public async Task Facts_naive_recount_and_drill_downs_agree_on_random_histories()
    {
        var district = await app.CreateUnitAsync("000.00.00.H50", UnitKind.District);
        var offices = new[] { await app.CreateUnitAsync(district, UnitKind.Office), await app.CreateUnitAsync(district, UnitKind.Office) };
        var admin = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.UnitAdmin, district));
        var random = new Random(7);
        var histories = Enumerable.Range(0, 160).Select(i => Generate(random, i, offices[i % 2])).ToList();
        await ImportAsync(admin, histories.Select(Row));

        var periods = new List<(DateOnly From, DateOnly To)> { (new(2022, 1, 1), new(2022, 3, 31)), (new(2022, 2, 1), new(2022, 2, 28)), (new(2022, 1, 20), new(2022, 1, 20)) };
        for (var i = 0; i < 4; i++)
        {
            var from = new DateOnly(2022, 1, 1).AddDays(random.Next(90));
            periods.Add((from, from.AddDays(random.Next(40))));
        }

        foreach (var (from, to) in periods)
        {
            await CheckAsync(admin, district, histories, from, to);
        }

        using (var scope = app.Services.CreateScope())
        {
            await FoldReportFacts.FoldAsync(scope.ServiceProvider.GetRequiredService<MotCuaDbContext>(), CancellationToken.None);
        }

        foreach (var (from, to) in periods)
        {
            await CheckAsync(admin, district, histories, from, to);
        }
    }

    private static async Task CheckAsync(HttpClient client, string district, List<History> histories, DateOnly from, DateOnly to)
    {
        var expected = Recount(histories, from, to);
        var report = await PeriodFiguresApiTests.SummaryAsync(client, district, Iso(from), Iso(to));
        foreach (var (figure, count) in expected)
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(figure.ToString());
            report.GetProperty(name).GetInt32().ShouldBe(count, $"{figure} {from}–{to}");
            (await PeriodFiguresApiTests.DrillDownAsync(client, district, Iso(from), Iso(to), figure.ToString())).Count.ShouldBe(count, $"drill-down {figure} {from}–{to}");
        }

        (expected[ReportFigure.CarriedOver] + expected[ReportFigure.ReceivedNew]).ShouldBe(
            expected[ReportFigure.ResolvedEarly] + expected[ReportFigure.ResolvedOnTime] + expected[ReportFigure.ResolvedLate] + expected[ReportFigure.Withdrawn]
            + expected[ReportFigure.Stopped] + expected[ReportFigure.InProgressWithinDeadline] + expected[ReportFigure.InProgressOverdue]
            + expected[ReportFigure.AwaitingSupplement]);
    }

    /// <summary>§4.8 read literally, by Vietnamese dates: nothing shared with the application's code.</summary>
    private static Dictionary<ReportFigure, int> Recount(List<History> histories, DateOnly from, DateOnly to)
    {
        static DateOnly D(DateTimeOffset moment) => DateOnly.FromDateTime(moment.ToOffset(Vietnam).DateTime);
        bool In(DateTimeOffset? moment) => moment is { } m && D(m) >= from && D(m) <= to;
        var counts = Enum.GetValues<ReportFigure>().Where(f => f is not ReportFigure.ResultsAttached and not ReportFigure.Digitised).ToDictionary(f => f, _ => 0);
        foreach (var h in histories)
        {
            if (h.RefusedAt is { } refused)
            {
                counts[ReportFigure.Refused] += In(refused) ? 1 : 0;
                continue;
            }

            var received = D(h.Received!.Value);
            var end = h.End is { } e ? D(e) : (DateOnly?)null;
            if (received < from && (end is null || end >= from))
            {
                counts[ReportFigure.CarriedOver]++;
            }

            if (In(h.Received))
            {
                counts[ReportFigure.ReceivedNew]++;
                counts[Enum.Parse<ReportFigure>("Received" + h.Channel)]++;
            }

            // The legal due date in force: the receipt's, or the new one after the supplement arrived (by `day`).
            DateOnly DueOn(DateOnly day) => h.Suspension is { To: { } back, NewDue: { } newDue } && D(back) <= day ? D(newDue) : D(h.Due!.Value);
            if (In(h.End))
            {
                switch (h.EndKind)
                {
                    case "finished":
                        var due = DueOn(end!.Value);
                        counts[end < due ? ReportFigure.ResolvedEarly : end == due ? ReportFigure.ResolvedOnTime : ReportFigure.ResolvedLate]++;
                        break;
                    case "withdrawn":
                        counts[ReportFigure.Withdrawn]++;
                        break;
                    default:
                        counts[ReportFigure.Stopped]++;
                        break;
                }
            }

            if (received <= to && (end is null || end > to))
            {
                var awaiting = h.Suspension is { } s && D(s.From) <= to && (s.To is null || D(s.To.Value) > to);
                counts[awaiting ? ReportFigure.AwaitingSupplement
                    : DueOn(to) < to ? ReportFigure.InProgressOverdue
                    : ReportFigure.InProgressWithinDeadline]++;
            }
        }

        return counts;
    }

    private static History Generate(Random random, int i, string unit)
    {
        var code = $"RND-{Guid.NewGuid():N}"[..24];
        var channel = random.Next(3) switch { 0 => "Online", 1 => "Postal", _ => "Counter" };
        var received = new DateTimeOffset(2021, 12, 15, 7, 0, 0, Vietnam).AddDays(random.Next(100)).AddMinutes(random.Next(10 * 60));
        if (i % 23 == 0)
        {
            return new History(code, unit, channel, null, null, null, null, null, received);
        }

        var due = received.AddDays(1 + random.Next(12)).AddHours(random.Next(-3, 4));
        Suspension? suspension = null;
        var start = received;
        if (random.Next(4) == 0)
        {
            var stop = received.AddHours(1 + random.Next((int)(due - received).TotalHours - 1));
            var back = random.Next(4) == 0 ? (DateTimeOffset?)null : stop.AddDays(random.Next(6)).AddHours(random.Next(8));
            suspension = new Suspension(stop, back, back?.AddDays(1 + random.Next(10)));
            start = back ?? stop;
        }

        var kinds = suspension is { To: null } ? new[] { null, "withdrawn", "stopped" } : [null, "finished", "finished", "finished", "withdrawn", "stopped"];
        var kind = kinds[random.Next(kinds.Length)];
        DateTimeOffset? end = kind is null ? null : start.AddHours(1 + random.Next(20 * 24));
        return new History(code, unit, channel, received, due, suspension, kind, end, null);
    }

    private static object Row(History h) => new
    {
        code = h.Code,
        procedureCode = "2.000528",
        unitCode = h.Unit,
        channel = h.Channel,
        ownerName = "Chủ hồ sơ",
        receivedAt = Moment(h.Received),
        dueAt = Moment(h.Due),
        suspensions = h.Suspension is { } s ? new[] { new { from = Moment(s.From), to = Moment(s.To), newDueAt = Moment(s.NewDue) } } : [],
        finishedAt = h.EndKind == "finished" ? Moment(h.End) : null,
        withdrawnAt = h.EndKind == "withdrawn" ? Moment(h.End) : null,
        stoppedAt = h.EndKind == "stopped" ? Moment(h.End) : null,
        refusedAt = Moment(h.RefusedAt),
    };

    internal static async Task ImportAsync(HttpClient client, IEnumerable<object> rows)
    {
        var response = await client.PostAsJsonAsync("/api/v1/imports/dossiers", rows.ToList());
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static string? Moment(DateTimeOffset? moment) => moment?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
