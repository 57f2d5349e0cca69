using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Calendar;
using MotCua.Web.Catalog.PublicationDecisions;
using MotCua.Web.Identity;
using Shouldly;

namespace MotCua.Tests.Catalog;

/// <summary>
/// Decisions announcing procedures: their time limits on the official working calendar (Decree 63/2010/NĐ-CP Art. 15 as amended: signed at
/// least 20 working days before the legal text takes effect; publicised within 5 working days of the signing), the register's API and its
/// history, and Decision 766 annex 1.1 and 1.2 from it. The decisions of the 766 test are signed in October 2026, a month no other test scores.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PublicationDecisionsTests(MotCuaFactory app)
{
    private const string Province = "000.00.00.H50";
    private const string MaritalStatus = "1.004873";
    private const string BirthRegistration = "1.001193";

    [Theory]
    // June 2025 has no holiday: 20 working days before Tue 01/07/2025 is Tue 03/06/2025.
    [InlineData("2025-07-01", "2025-06-03")]
    // Back over 30/4–2/5/2025 (off), the working Saturday 26/04/2025 and Giỗ Tổ Mon 07/04/2025: Wed 02/04/2025.
    [InlineData("2025-05-05", "2025-04-02")]
    // Back over Tết Bính Ngọ (16–20/02/2026 off): Mon 26/01/2026.
    [InlineData("2026-03-02", "2026-01-26")]
    // Every day of October 2026 is an ordinary one: Mon 05/10/2026.
    [InlineData("2026-11-02", "2026-10-05")]
    public async Task The_latest_signing_day_is_the_20th_working_day_before_the_text_takes_effect(string effectiveOn, string latest)
    {
        var calendar = await NationalCalendarAsync();
        PublicationDeadlines.LatestSigning(Day(effectiveOn), 20, calendar.IsWorkingDay).ShouldBe(Day(latest));
    }

    [Theory]
    // Signed Fri 13/02/2026, before Tết: the 5 working days are 23–27/02/2026.
    [InlineData("2026-02-13", "2026-02-27")]
    // Signed Tue 29/04/2025: 30/4, 1/5 and 2/5 are off, so 05–09/05/2025.
    [InlineData("2025-04-29", "2025-05-09")]
    // Signed Wed 31/12/2025: 01/01 and 02/01/2026 are off, the working Saturday 10/01 comes after: 05–09/01/2026.
    [InlineData("2025-12-31", "2026-01-09")]
    public async Task The_publicising_deadline_is_the_5th_working_day_after_the_signing(string signedOn, string deadline)
    {
        var calendar = await NationalCalendarAsync();
        PublicationDeadlines.PublicisingDeadline(Day(signedOn), 5, calendar.IsWorkingDay).ShouldBe(Day(deadline));
    }

    [Theory]
    [InlineData("2026-02-27", "2026-03-10", "OnTime")]
    [InlineData("2026-03-02", "2026-03-10", "Late")]
    [InlineData(null, "2026-02-27", "Pending")]
    [InlineData(null, "2026-03-02", "Overdue")]
    public void Publicising_is_judged_against_the_deadline_on_a_given_day(string? publicisedOn, string asOf, string expected) =>
        PublicationDeadlines.Publicising(publicisedOn is null ? null : Day(publicisedOn), new DateOnly(2026, 2, 27), Day(asOf))
            .ShouldBe(Enum.Parse<PublicisingState>(expected));

    [Fact]
    public async Task The_province_records_a_decision_and_its_publicising_day_with_history_and_the_register_judges_both()
    {
        var admin = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.UnitAdmin, Province));
        var number = Number();

        var created = await admin.PostAsJsonAsync("/api/v1/catalog/publication-decisions",
            Body(number, "2025-06-04", "2025-07-01", null, MaritalStatus, BirthRegistration));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var decision = await created.Content.ReadFromJsonAsync<JsonElement>();
        // One day after the latest signing day (03/06/2025): late.
        (decision.GetProperty("latestSigning").GetString(), decision.GetProperty("signedOnTime").GetBoolean()).ShouldBe(("2025-06-03", false));
        // Deadline: 5 working days after Wed 04/06/2025 is Wed 11/06/2025; long past today and not publicised.
        (decision.GetProperty("publicisingDeadline").GetString(), decision.GetProperty("publicising").GetString()).ShouldBe(("2025-06-11", "Overdue"));
        decision.GetProperty("procedures").EnumerateArray().Select(p => p.GetProperty("code").GetString()).ShouldBe([BirthRegistration, MaritalStatus]);

        var id = decision.GetProperty("id").GetInt32();
        var stale = await admin.PostAsJsonAsync($"/api/v1/catalog/publication-decisions/{id}/publicised", new { publicisedOn = "2025-06-10", version = 0 });
        await stale.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var early = await admin.PostAsJsonAsync($"/api/v1/catalog/publication-decisions/{id}/publicised", new { publicisedOn = "2025-06-03", version = 1 });
        (await early.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("publicisedOn")[0].GetString()
            .ShouldBe("Ngày công khai không được trước ngày ký quyết định.");
        var publicised = await admin.PostAsJsonAsync($"/api/v1/catalog/publication-decisions/{id}/publicised", new { publicisedOn = "2025-06-11", version = 1 });
        publicised.StatusCode.ShouldBe(HttpStatusCode.OK, await publicised.Content.ReadAsStringAsync());
        (await publicised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("publicising").GetString().ShouldBe("OnTime");
        var again = await admin.PostAsJsonAsync($"/api/v1/catalog/publication-decisions/{id}/publicised", new { publicisedOn = "2025-06-12", version = 2 });
        (await again.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString().ShouldBe("Ngày công khai của quyết định này đã được ghi nhận.");

        var register = await admin.GetFromJsonAsync<JsonElement>("/api/v1/catalog/publication-decisions?year=2025");
        var listed = register.EnumerateArray().Single(d => d.GetProperty("number").GetString() == number);
        (listed.GetProperty("publicisedOn").GetString(), listed.GetProperty("version").GetInt32()).ShouldBe(("2025-06-11", 2));
        app.WithDb(db => db.AuditEvents.Where(e => e.StreamId == "PublicationDecision:" + number).OrderBy(e => e.Sequence)
                .Select(e => new { e.Action, e.ActorRole, e.ActorUnitCode }).ToList())
            .ShouldBe([
                new { Action = "catalog.publication-decision.recorded", ActorRole = (string?)"UnitAdmin", ActorUnitCode = (string?)Province },
                new { Action = "catalog.publication-decision.publicised", ActorRole = (string?)"UnitAdmin", ActorUnitCode = (string?)Province },
            ]);
    }

    [Fact]
    public async Task Bad_input_is_refused_in_vietnamese_a_number_only_once_and_a_commune_may_not_record_the_provinces_decisions()
    {
        var admin = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.UnitAdmin, Province));
        var bad = await admin.PostAsJsonAsync("/api/v1/catalog/publication-decisions", new
        {
            number = "",
            title = "Công bố",
            signedOn = "04/06/2025",
            effectiveOn = "2025-07-01",
            procedureCodes = new[] { "9.999999" },
        });
        var errors = (await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.GetProperty("number")[0].GetString().ShouldBe("Bắt buộc nhập.");
        errors.GetProperty("signedOn")[0].GetString().ShouldBe("Ngày không hợp lệ (yyyy-MM-dd).");
        var unknown = await admin.PostAsJsonAsync("/api/v1/catalog/publication-decisions", Body(Number(), "2025-06-04", "2025-07-01", null, "9.999999"));
        (await unknown.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("procedureCodes")[0].GetString()
            .ShouldBe("Mã TTHC không có trong danh mục: 9.999999.");

        var number = Number();
        (await admin.PostAsJsonAsync("/api/v1/catalog/publication-decisions", Body(number, "2025-06-04", "2025-07-01", null, MaritalStatus)))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var twice = await admin.PostAsJsonAsync("/api/v1/catalog/publication-decisions", Body(number, "2025-06-05", "2025-07-01", null, MaritalStatus));
        (await twice.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString().ShouldBe("Số quyết định này đã được ghi nhận.");

        var commune = await app.CreateUnitAsync(Province);
        var communeAdmin = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.UnitAdmin, commune));
        var other = Number();
        await (await communeAdmin.PostAsJsonAsync("/api/v1/catalog/publication-decisions", Body(other, "2025-06-04", "2025-07-01", null, MaritalStatus)))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        app.WithDb(db => db.PublicationDecisions.Count(d => d.Number == other || d.Number == "")).ShouldBe(0);
        app.WithDb(db => db.AuditEvents.Count(e => e.StreamId == "PublicationDecision:" + other)).ShouldBe(0);
    }

    [Fact]
    public async Task Decision_766_scores_1_1_and_1_2_from_the_decisions_announcing_the_units_procedures()
    {
        var (commune, desk) = await app.DeskAsync(MaritalStatus);
        var admin = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.UnitAdmin, Province));
        // Effective Mon 02/11/2026: latest signing Mon 05/10/2026. A: signed that day, publicised on its deadline (Mon 12/10/2026).
        await RecordAsync(admin, Body(Number(), "2026-10-05", "2026-11-02", "2026-10-12", MaritalStatus));
        // B: signed a day late, publicising deadline Tue 13/10/2026 passed by the end of October without it.
        await RecordAsync(admin, Body(Number(), "2026-10-06", "2026-11-02", null, MaritalStatus));
        // C: effective Tue 01/12/2026 (latest signing Tue 03/11/2026), signed Wed 28/10/2026; its deadline (Wed 04/11/2026) is after the period.
        await RecordAsync(admin, Body(Number(), "2026-10-28", "2026-12-01", null, MaritalStatus));
        // A procedure the commune does not provide does not count for it.
        await RecordAsync(admin, Body(Number(), "2026-10-20", "2026-11-02", null, BirthRegistration));

        var score = await desk.GetFromJsonAsync<JsonElement>($"/api/v1/reports/decision766?unitCode={commune}&from=2026-10-01&to=2026-10-31");
        var components = score.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("components").EnumerateArray())
            .ToDictionary(c => c.GetProperty("key").GetString()!);
        foreach (var key in new[] { "ProceduresPublishedOnTime", "ProceduresPublicisedOnTime" })
        {
            var component = components[key];
            (component.GetProperty("status").GetString(), component.GetProperty("part").GetInt32(), component.GetProperty("whole").GetInt32())
                .ShouldBe(("Scored", 2, 3), key);
            // 4 points × 2/3 (66,67%) = 2,67.
            component.GetProperty("points").GetDecimal().ShouldBe(2.67m, key);
        }

        var page = await (await desk.GetAsync($"/backoffice/bao-cao/chi-so-766?unitCode={commune}&from=2026-10-01&to=2026-10-31")).Content.ReadAsStringAsync();
        page.ShouldContain("2/3 (TTHC công bố đúng hạn / TTHC công bố trong kỳ)");
        page.ShouldContain("2/3 (TTHC công khai đúng hạn / TTHC phải công khai)");

        var november = await desk.GetFromJsonAsync<JsonElement>($"/api/v1/reports/decision766?unitCode={commune}&from=2026-11-01&to=2026-11-30");
        november.GetProperty("groups")[0].GetProperty("components")[0].GetProperty("status").GetString().ShouldBe("NothingToMeasure");
    }

    private static DateOnly Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string Number() => $"{Random.Shared.Next(10000, 99999)}/QĐ-UBND-{Guid.NewGuid().ToString("N")[..6]}";

    private static object Body(string number, string signedOn, string effectiveOn, string? publicisedOn, params string[] codes) => new
    {
        number,
        title = "Công bố danh mục thủ tục hành chính lĩnh vực hộ tịch thuộc thẩm quyền giải quyết của UBND cấp xã",
        signedOn,
        effectiveOn,
        publicisedOn,
        procedureCodes = codes,
    };

    private static async Task RecordAsync(HttpClient admin, object body)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/catalog/publication-decisions", body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private async Task<UnitCalendar> NationalCalendarAsync()
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IWorkingCalendar>().ForUnitAsync(null);
    }
}
