using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Calendar;
using MotCua.Web.Identity;
using MotCua.Web.Units;
using Shouldly;

namespace MotCua.Tests.Reporting;

/// <summary>
/// Acceptance from a press report on Gio Linh district (Quảng Trị): in the first ten months of 2022 the district level
/// received 3,743 dossiers and resolved 3,478 (3,385 before or on time, 93 late); 265 were in progress within the
/// deadline. A history consistent with those figures, on 2022 working days with due dates from the calendar, is
/// imported through the API, and the summary for 1/1/2022–31/10/2022 gives exactly those numbers.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class GioLinhAcceptanceTests(MotCuaFactory app)
{
    private static readonly (string Code, int Days)[] Procedures =
    [
        ("2.000528", 5), // khai sinh có yếu tố nước ngoài
        ("1.001612", 3), // đăng ký thành lập hộ kinh doanh
        ("1.013978", 10), // đăng ký đất đai
        ("1.013225", 7), // giấy phép xây dựng nhà ở riêng lẻ
        ("1.001776", 5), // trợ cấp xã hội hằng tháng
    ];

    [Fact]
    public async Task Ten_months_of_2022_imported_give_the_published_figures()
    {
        var district = await app.CreateUnitAsync("000.00.00.H50", UnitKind.District, "UBND huyện Gio Linh");
        var offices = new List<string>();
        foreach (var name in new[] { "Phòng Tư pháp", "Phòng Tài chính - Kế hoạch", "Phòng Tài nguyên và Môi trường", "Phòng Kinh tế và Hạ tầng", "Phòng LĐ-TB&XH" })
        {
            offices.Add(await app.CreateUnitAsync(district, UnitKind.Office, name + " huyện Gio Linh"));
        }

        var commune = await app.CreateUnitAsync(district, UnitKind.Commune, "UBND xã Gio Mỹ");
        var admin = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.UnitAdmin, district));
        var supervisor = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Supervisor, district));
        var communeDesk = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.DeskOfficer, commune));
        UnitCalendar calendar;
        using (var scope = app.Services.CreateScope())
        {
            calendar = await scope.ServiceProvider.GetRequiredService<IWorkingCalendar>().ForUnitAsync(district);
        }

        var rows = History(calendar, district, offices);
        var response = await admin.PostAsJsonAsync("/api/v1/imports/dossiers", new { dossiers = rows });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var imported = await response.Content.ReadFromJsonAsync<JsonElement>();
        imported.GetProperty("imported").GetInt32().ShouldBe(rows.Count);
        imported.GetProperty("refusedAtIntake").GetInt32().ShouldBe(12);

        var report = await PeriodFiguresApiTests.SummaryAsync(supervisor, district, "2022-01-01", "2022-10-31");
        report.GetProperty("receivedNew").GetInt32().ShouldBe(3743);
        report.GetProperty("resolved").GetInt32().ShouldBe(3478);
        (report.GetProperty("resolvedEarly").GetInt32() + report.GetProperty("resolvedOnTime").GetInt32()).ShouldBe(3385);
        report.GetProperty("resolvedLate").GetInt32().ShouldBe(93);
        report.GetProperty("inProgressWithinDeadline").GetInt32().ShouldBe(265);
        report.GetProperty("inProgressOverdue").GetInt32().ShouldBe(0);
        report.GetProperty("carriedOver").GetInt32().ShouldBe(0);
        report.GetProperty("awaitingSupplement").GetInt32().ShouldBe(0);
        report.GetProperty("refused").GetInt32().ShouldBe(12);
        report.GetProperty("onTimeRate").GetDecimal().ShouldBe(0.9733m);
        (await PeriodFiguresApiTests.DrillDownAsync(supervisor, district, "2022-01-01", "2022-10-31", "ResolvedLate")).Count.ShouldBe(93);

        // The commune sees only itself; the district's figures are not its business.
        (await communeDesk.GetAsync($"/api/v1/reports/summary?from=2022-01-01&to=2022-10-31&unitCode={district}")).StatusCode
            .ShouldBe(HttpStatusCode.Forbidden);
        (await PeriodFiguresApiTests.SummaryAsync(communeDesk, commune, "2022-01-01", "2022-10-31")).GetProperty("receivedNew").GetInt32().ShouldBe(0);
    }

    /// <summary>A deterministic district history: receipts on working days, due dates by the calendar, a few supplements.</summary>
    private static List<object> History(UnitCalendar calendar, string district, IReadOnlyList<string> offices)
    {
        var random = new Random(2022);
        var days = Enumerable.Range(0, 365).Select(i => new DateOnly(2021, 12, 1).AddDays(i)).Where(calendar.IsWorkingDay).ToList();
        DateOnly Day(DateOnly from, DateOnly to)
        {
            var choices = days.Where(d => d >= from && d <= to).ToList();
            return choices[random.Next(choices.Count)];
        }

        static DateTimeOffset At(DateOnly day, int hour, int minute = 0) => new(day.Year, day.Month, day.Day, hour, minute, 0, TimeSpan.FromHours(7));
        static string Iso(DateTimeOffset moment) => moment.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        var rows = new List<object>();
        var sequence = 0;
        object Row(DateOnly receivedOn, bool late, bool open)
        {
            var (procedure, workingDays) = Procedures[random.Next(Procedures.Length)];
            if (open)
            {
                workingDays = 15;
            }

            var received = At(receivedOn, 7 + random.Next(9), random.Next(4) * 15);
            var time = new ProcessingTime(workingDays, DurationUnit.WorkingDays);
            var due = calendar.Due(received, time, DueOptions.None);
            var suspensions = new List<object>();
            var resumed = received;
            if (!open && ++sequence % 20 == 0)
            {
                // A supplement: the clock restarts from zero when the documents arrive (§4.5).
                var from = received.AddHours(2);
                var to = from.AddDays(2);
                due = calendar.Due(to, time, DueOptions.None);
                resumed = to;
                suspensions.Add(new { from = Iso(from), to = Iso(to), newDueAt = Iso(due), reason = "Thiếu giấy tờ" });
            }

            DateTimeOffset? finished = open ? null
                : late ? due.AddDays(1 + random.Next(4))
                : random.Next(4) == 0 ? due
                : resumed + ((due - resumed) * random.NextDouble());
            var channel = random.Next(20) switch { < 8 => "Online", 8 => "Postal", _ => "Counter" };
            return new
            {
                code = $"{district}-{receivedOn:yyMMdd}-{rows.Count:0000}",
                procedureCode = procedure,
                unitCode = offices[random.Next(offices.Count)],
                receivingUnitCode = district,
                channel,
                ownerName = "Công dân " + rows.Count,
                receivedAt = Iso(received),
                dueAt = Iso(calendar.Due(received, time, DueOptions.None)),
                suspensions,
                finishedAt = finished is { } f ? Iso(f) : null,
                returnedAt = finished is { } r ? Iso(r.AddHours(1)) : null,
            };
        }

        // Received and finished in December 2021: not part of 2022, not carried over.
        for (var i = 0; i < 20; i++)
        {
            rows.Add(Row(Day(new DateOnly(2021, 12, 1), new DateOnly(2021, 12, 10)), late: false, open: false));
        }

        for (var i = 0; i < 3385; i++)
        {
            rows.Add(Row(Day(new DateOnly(2022, 1, 1), new DateOnly(2022, 9, 30)), late: false, open: false));
        }

        for (var i = 0; i < 93; i++)
        {
            rows.Add(Row(Day(new DateOnly(2022, 1, 1), new DateOnly(2022, 9, 30)), late: true, open: false));
        }

        for (var i = 0; i < 265; i++)
        {
            rows.Add(Row(Day(new DateOnly(2022, 10, 17), new DateOnly(2022, 10, 31)), late: false, open: true));
        }

        for (var i = 0; i < 12; i++)
        {
            var on = Day(new DateOnly(2022, 1, 1), new DateOnly(2022, 10, 31));
            rows.Add(new
            {
                code = $"TC-{i}",
                procedureCode = Procedures[0].Code,
                unitCode = offices[0],
                receivingUnitCode = district,
                ownerName = "Người nộp " + i,
                refusedAt = Iso(At(on, 9)),
                reason = "Không thuộc thẩm quyền",
            });
        }

        return rows;
    }
}
