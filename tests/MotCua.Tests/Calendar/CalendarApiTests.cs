using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web;
using MotCua.Web.Calendar;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Units;
using Shouldly;

namespace MotCua.Tests.Calendar;

/// <summary>The public calendar endpoints and the administrators' edits, over HTTP. Each test that
/// changes the calendar owns a year no other test reads (2090s), so no test depends on another's rows.</summary>
[Collection(AppCollection.Name)]
public sealed class CalendarApiTests(MotCuaFactory app)
{
    private const string Province = "000.00.00.H50";

    [Theory]
    [InlineData("2026-02-17", 2026, 1, 1, false)]    // Tết Bính Ngọ
    [InlineData("2026-04-26", 2026, 3, 10, false)]   // Giỗ Tổ Hùng Vương
    [InlineData("2023-03-22", 2023, 2, 1, true)]     // first day of the leap 2nd month of Quý Mão
    [InlineData("2026-02-16", 2025, 12, 29, false)]  // the last day of Ất Tỵ
    public async Task Lunar_date_of_a_solar_date(string date, int year, int month, int day, bool leap)
    {
        var lunar = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/lunar-dates/{date}");
        lunar.GetProperty("year").GetInt32().ShouldBe(year);
        lunar.GetProperty("month").GetInt32().ShouldBe(month);
        lunar.GetProperty("day").GetInt32().ShouldBe(day);
        lunar.GetProperty("isLeapMonth").GetBoolean().ShouldBe(leap);
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("26-02-2026")]
    [InlineData("hôm nay")]
    [InlineData("1899-12-31")]
    [InlineData("2200-01-01")]
    public async Task Lunar_date_of_a_bad_date_is_a_400_problem_in_Vietnamese(string date)
    {
        var problem = await (await app.Anonymous().GetAsync($"/api/v1/lunar-dates/{Uri.EscapeDataString(date)}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("title").GetString().ShouldBe("Dữ liệu chưa hợp lệ.");
        problem.GetProperty("errors").GetProperty("date")[0].GetString()!.ShouldContain("Ngày");
    }

    [Fact]
    public async Task The_2026_calendar_lists_Tet_and_the_swapped_National_Day_as_confirmed()
    {
        var year = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/calendar/2026");
        year.GetProperty("status").GetString().ShouldBe("confirmed");
        year.GetProperty("source").GetString()!.ShouldContain("22/08/2026");
        var days = Days(year);
        foreach (var tet in new[] { "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20" })
        {
            days[tet].ShouldBe(("Tết Nguyên đán", "holiday"));
        }

        days["2026-08-22"].Kind.ShouldBe("swap-work");
        days["2026-08-31"].Kind.ShouldBe("swap-off");
        days["2026-04-27"].Kind.ShouldBe("compensatory");
    }

    [Fact]
    public async Task A_year_never_stored_is_generated_from_the_rules()
    {
        var year = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/calendar/2050");
        year.GetProperty("status").GetString().ShouldBe("generated");
        var tet = VietnameseLunarCalendar.LunarNewYear(2050).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Days(year)[tet].ShouldBe(("Tết Nguyên đán", "holiday"));
    }

    [Theory]
    [InlineData("1899")]
    [InlineData("2101")]
    [InlineData("năm nay")]
    [InlineData("-5")]
    public async Task A_year_out_of_range_is_a_400_problem(string year)
    {
        var problem = await (await app.Anonymous().GetAsync($"/api/v1/calendar/{Uri.EscapeDataString(year)}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("year")[0].GetString()!.ShouldContain("1900");
    }

    [Fact]
    public async Task Due_date_of_15_working_days_from_the_Friday_before_Tet_skips_Tet_by_name()
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/calendar/due",
            new { start = "2026-02-13T16:30:00+07:00", amount = 15, unit = "WorkingDays", unitCode = (string?)null, cutoff = (string?)null });
        var due = await Ok(response);
        due.GetProperty("due").GetString().ShouldBe("2026-03-13T16:30:00+07:00");
        var skipped = due.GetProperty("skippedDays").EnumerateArray().ToList();
        skipped.Select(d => d.GetProperty("date").GetString()).ShouldBe(["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"]);
        skipped.ShouldAllBe(d => d.GetProperty("name").GetString() == "Tết Nguyên đán" && d.GetProperty("kind").GetString() == "holiday");
    }

    [Theory]
    [InlineData("2026-02-13T09:30:00Z", 15, "WorkingDays", null, "2026-03-13T16:30:00+07:00")]  // UTC in, Vietnamese time out
    [InlineData("2026-02-13T16:30", 15, "workingdays", null, "2026-03-13T16:30:00+07:00")]     // no offset: Vietnamese time
    [InlineData("2026-01-05T15:30:00+07:00", 1, "WorkingDays", "15:00", "2026-01-06T17:00:00+07:00")] // after the cut-off
    [InlineData("2026-01-05T12:00:00+07:00", 3, "WorkingHours", null, "2026-01-05T16:30:00+07:00")]   // lunch: from 13:30
    [InlineData("2026-01-05T07:00:00+07:00", 1, "HalfDays", null, "2026-01-05T11:00:00+07:00")]
    [InlineData("2026-08-21T07:00:00+07:00", 3, "WorkingDays", null, "2026-08-24T17:00:00+07:00")]    // Saturday 22/8 is worked
    [InlineData("2026-04-15T10:00:00+07:00", 15, "CalendarDays", null, "2026-05-04T17:00:00+07:00")]  // ends on a holiday weekend
    public async Task Due_date_follows_offsets_cutoffs_lunch_and_swaps(string start, int amount, string unit, string? cutoff, string expected)
    {
        var due = await Ok(await app.Anonymous().PostAsJsonAsync("/api/v1/calendar/due", new { start, amount, unit, cutoff }));
        due.GetProperty("due").GetString().ShouldBe(expected);
    }

    public static TheoryData<string, string> BadDueBodies => new()
    {
        { "{\"start\": \"2026-02-30T08:00:00+07:00\", \"amount\": 1, \"unit\": \"WorkingDays\"}", "start" },
        { "{\"start\": \"13/02/2026 16:30\", \"amount\": 1, \"unit\": \"WorkingDays\"}", "start" },
        { "{\"start\": \"1800-01-01T08:00:00\", \"amount\": 1, \"unit\": \"WorkingDays\"}", "start" },
        { "{\"start\": \"2026-02-13T16:30:00+25:00\", \"amount\": 1, \"unit\": \"WorkingDays\"}", "start" },
        { "{\"start\": \"2026-02-13T16:30:00\", \"amount\": -1, \"unit\": \"WorkingDays\"}", "amount" },
        { "{\"start\": \"2026-02-13T16:30:00\", \"amount\": 2000000000, \"unit\": \"WorkingDays\"}", "amount" },
        { "{\"start\": \"2026-02-13T16:30:00\", \"unit\": \"WorkingDays\"}", "amount" },
        { "{\"start\": \"2026-02-13T16:30:00\", \"amount\": 1, \"unit\": \"Weeks\"}", "unit" },
        { "{\"start\": \"2026-02-13T16:30:00\", \"amount\": 1, \"unit\": \"1\"}", "unit" },
        { "{\"start\": \"2026-02-13T16:30:00\", \"amount\": 1, \"unit\": \"WorkingDays\", \"cutoff\": \"25:00\"}", "cutoff" },
        { "{\"start\": \"2026-02-13T16:30:00\", \"amount\": 1, \"unit\": \"WorkingDays\", \"unitCode\": \"999.99.99.T99\"}", "unitCode" },
        { "{\"start\": \"2100-12-30T16:30:00\", \"amount\": 15, \"unit\": \"WorkingDays\"}", "amount" },
    };

    [Theory]
    [MemberData(nameof(BadDueBodies))]
    public async Task Due_date_of_bad_input_is_a_400_problem_naming_the_field(string body, string field)
    {
        var response = await app.Anonymous().PostAsync("/api/v1/calendar/due", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty(field)[0].GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("{\"start\": \"2026-02-13T16:30:00\", \"amount\": \"mười\", \"unit\": \"WorkingDays\"}")]
    [InlineData("{\"start\": 20260213, \"amount\": 1, \"unit\": \"WorkingDays\"}")]
    [InlineData("{\"start\": \"2026-02-13T16:30:00\", \"amount\": 1.5, \"unit\": \"WorkingDays\"}")]
    [InlineData("[]")]
    [InlineData("not json")]
    public async Task Due_date_of_a_malformed_body_is_a_400_problem(string body)
    {
        var response = await app.Anonymous().PostAsync("/api/v1/calendar/due", new StringContent(body, Encoding.UTF8, "application/json"));
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_units_office_hours_apply_to_it_and_to_the_units_below_it()
    {
        // A commune and an office inside it (no district: the demo's present has none, and another test checks that).
        var commune = await app.CreateUnitAsync(Province);
        var office = await app.CreateUnitAsync(commune, UnitKind.Office);
        var admin = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.UnitAdmin, commune));
        var set = await admin.PutAsJsonAsync($"/api/v1/working-hours/{commune}",
            new { morningStart = "07:30", morningEnd = "11:30", afternoonStart = "13:00", afternoonEnd = "17:00" });
        (await Ok(set)).GetProperty("setBy").GetString().ShouldBe(commune);

        // 10:00–11:30 then 13:00–15:30 under the commune's hours; 16:00 under the default 13:30 start.
        var body = new { start = "2026-01-05T10:00:00+07:00", amount = 4, unit = "WorkingHours", unitCode = office };
        (await Ok(await app.Anonymous().PostAsJsonAsync("/api/v1/calendar/due", body))).GetProperty("due").GetString().ShouldBe("2026-01-05T15:30:00+07:00");
        (await Ok(await app.Anonymous().PostAsJsonAsync("/api/v1/calendar/due", body with { unitCode = null! })))
            .GetProperty("due").GetString().ShouldBe("2026-01-05T16:00:00+07:00");
        (await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/working-hours/{office}")).GetProperty("setBy").GetString().ShouldBe(commune);

        (await admin.DeleteAsync($"/api/v1/working-hours/{commune}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Ok(await app.Anonymous().PostAsJsonAsync("/api/v1/calendar/due", body))).GetProperty("due").GetString().ShouldBe("2026-01-05T16:00:00+07:00");
        app.WithDb(db => db.AuditEvents.Where(e => e.StreamId == "UnitWorkingHours:" + commune).Select(e => e.Action).ToList())
            .ShouldBe(["calendar.hours.set", "calendar.hours.reset"]);
    }

    [Theory]
    [InlineData("07:00", "11:30", "13:30", "18:00")] // 9 h
    [InlineData("11:30", "07:00", "13:30", "17:00")]
    [InlineData("07:00", "11:30", "25:00", "17:00")]
    public async Task Bad_office_hours_are_a_400_problem(string morningStart, string morningEnd, string afternoonStart, string afternoonEnd)
    {
        var admin = await app.SignInAsync("sysadmin");
        var unit = await app.CreateUnitAsync(Province);
        var response = await admin.PutAsJsonAsync($"/api/v1/working-hours/{unit}", new { morningStart, morningEnd, afternoonStart, afternoonEnd });
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Overriding_a_day_moves_the_due_date_and_is_recorded()
    {
        var admin = await app.SignInAsync("sysadmin");
        var tuesday = FirstTuesdayOfJune(2091);
        var start = Iso(tuesday) + "T07:00:00+07:00";
        var body = new { start, amount = 1, unit = "WorkingDays" };
        (await Ok(await app.Anonymous().PostAsJsonAsync("/api/v1/calendar/due", body))).GetProperty("due").GetString().ShouldBe(Iso(tuesday) + "T17:00:00+07:00");

        var saved = await admin.PutAsJsonAsync($"/api/v1/calendar/2091/days/{Iso(tuesday)}",
            new { kind = "swap-off", name = "Nghỉ hoán đổi thử nghiệm", source = "Thông báo thử nghiệm số 1" });
        var year = await Ok(saved);
        year.GetProperty("status").GetString().ShouldBe("generated");
        Days(year)[Iso(tuesday)].ShouldBe(("Nghỉ hoán đổi thử nghiệm", "swap-off"));

        var moved = await Ok(await app.Anonymous().PostAsJsonAsync("/api/v1/calendar/due", body));
        moved.GetProperty("due").GetString().ShouldBe(Iso(tuesday.AddDays(1)) + "T17:00:00+07:00");
        moved.GetProperty("skippedDays")[0].GetProperty("name").GetString().ShouldBe("Nghỉ hoán đổi thử nghiệm");

        (await admin.DeleteAsync($"/api/v1/calendar/2091/days/{Iso(tuesday)}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Ok(await app.Anonymous().PostAsJsonAsync("/api/v1/calendar/due", body))).GetProperty("due").GetString().ShouldBe(Iso(tuesday) + "T17:00:00+07:00");
        app.WithDb(db => db.AuditEvents.Where(e => e.StreamId == "CalendarYear:2091").OrderBy(e => e.Sequence).Select(e => e.Action).ToList())
            .ShouldBe(["calendar.day.added", "calendar.day.removed"]);
    }

    [Fact]
    public async Task A_make_up_working_Saturday_counts_as_a_working_day()
    {
        var admin = await app.SignInAsync("sysadmin");
        var tuesday = FirstTuesdayOfJune(2092);
        var friday = tuesday.AddDays(3);
        var saturday = tuesday.AddDays(4);
        var body = new { start = Iso(friday) + "T07:00:00+07:00", amount = 2, unit = "WorkingDays" };
        (await Ok(await app.Anonymous().PostAsJsonAsync("/api/v1/calendar/due", body))).GetProperty("due").GetString().ShouldBe(Iso(friday.AddDays(3)) + "T17:00:00+07:00");

        var weekday = await admin.PutAsJsonAsync($"/api/v1/calendar/2092/days/{Iso(friday)}", new { kind = "swap-work", name = "Làm bù", source = "Thử" });
        (await weekday.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("kind")[0].GetString()!.ShouldContain("thứ Bảy");

        await Ok(await admin.PutAsJsonAsync($"/api/v1/calendar/2092/days/{Iso(saturday)}", new { kind = "swap-work", name = "Làm việc bù", source = "Thông báo thử nghiệm số 2" }));
        (await Ok(await app.Anonymous().PostAsJsonAsync("/api/v1/calendar/due", body))).GetProperty("due").GetString().ShouldBe(Iso(saturday) + "T17:00:00+07:00");
    }

    [Fact]
    public async Task Confirming_a_year_records_who_and_a_later_edit_needs_a_new_confirmation()
    {
        var admin = await app.SignInAsync("sysadmin");
        (await Ok(await admin.PostAsJsonAsync("/api/v1/calendar/2093/confirm", new { source = "Thông báo thử nghiệm năm 2093" })))
            .GetProperty("status").GetString().ShouldBe("confirmed");
        var year = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/calendar/2093");
        year.GetProperty("status").GetString().ShouldBe("confirmed");
        year.GetProperty("source").GetString().ShouldBe("Thông báo thử nghiệm năm 2093");
        year.GetProperty("confirmedAt").GetString()!.ShouldEndWith("+07:00");

        var edited = await Ok(await admin.PutAsJsonAsync($"/api/v1/calendar/2093/days/{Iso(FirstTuesdayOfJune(2093))}",
            new { kind = "holiday", name = "Ngày lễ thử nghiệm", source = "Thông báo thử nghiệm" }));
        edited.GetProperty("status").GetString().ShouldBe("generated");
        edited.GetProperty("confirmedAt").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Importing_a_year_replaces_its_days_and_awaits_confirmation()
    {
        var admin = await app.SignInAsync("sysadmin");
        var exported = await app.Anonymous().GetStringAsync("/api/v1/calendar/2094");
        var tuesday = Iso(FirstTuesdayOfJune(2094));
        var edited = exported.Replace("\"days\":[", $"\"days\":[{{\"date\":\"{tuesday}\",\"name\":\"Ngày nghỉ nhập từ tệp\",\"kind\":\"swap-off\",\"source\":null}},", StringComparison.Ordinal);

        var imported = await admin.PostAsync("/api/v1/calendar/import", new StringContent(edited, Encoding.UTF8, "application/json"));
        (await Ok(imported)).GetProperty("years").EnumerateArray().Select(y => y.GetInt32()).ShouldBe([2094]);
        var year = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/calendar/2094");
        year.GetProperty("status").GetString().ShouldBe("generated");
        Days(year)[tuesday].ShouldBe(("Ngày nghỉ nhập từ tệp", "swap-off"));
        Days(year).Count.ShouldBe(Days(JsonDocument.Parse(exported).RootElement).Count + 1);
    }

    [Theory]
    [InlineData("{\"year\": 2095, \"source\": \"x\", \"days\": [{\"date\": \"2096-01-01\", \"kind\": \"holiday\", \"name\": \"Sai năm\"}]}")]
    [InlineData("{\"year\": 2095, \"source\": \"x\", \"days\": [{\"date\": \"2095-01-01\", \"kind\": \"festival\", \"name\": \"Sai loại\"}]}")]
    [InlineData("{\"year\": 2095, \"days\": []}")]
    [InlineData("{\"years\": [{\"year\": 1800, \"source\": \"x\", \"days\": []}]}")]
    [InlineData("{\"year\": 2095, \"source\": \"x\", \"days\": [{\"date\": \"2095-01-01\", \"kind\": \"holiday\"}]}")]
    [InlineData("{\"year\": 2095, \"source\": \"x\", \"days\": [{\"date\": \"2095-01-01\", \"kind\": \"holiday\", \"name\": \"a\"}, {\"date\": \"2095-01-01\", \"kind\": \"holiday\", \"name\": \"b\"}]}")]
    [InlineData("[]")]
    [InlineData("{ not json")]
    public async Task A_bad_import_is_refused_whole(string body)
    {
        var admin = await app.SignInAsync("sysadmin");
        var response = await admin.PostAsync("/api/v1/calendar/import", new StringContent(body, Encoding.UTF8, "application/json"));
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        app.WithDb(db => db.CalendarYears.Any(y => y.Year == 2095)).ShouldBeFalse();
    }

    [Fact]
    public async Task Only_a_system_or_province_administrator_changes_the_days_off()
    {
        var commune = await app.CreateUnitAsync(Province);
        var desk = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.DeskOfficer, commune));
        var communeAdmin = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.UnitAdmin, commune));
        var day = new { kind = "holiday", name = "Chiếm quyền", source = "Không" };
        var date = Iso(FirstTuesdayOfJune(2096));

        await (await app.Anonymous().PutAsJsonAsync($"/api/v1/calendar/2096/days/{date}", day)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await desk.PutAsJsonAsync($"/api/v1/calendar/2096/days/{date}", day)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await desk.PostAsJsonAsync("/api/v1/calendar/2096/confirm", new { })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await desk.DeleteAsync($"/api/v1/calendar/2026/days/2026-02-16")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await communeAdmin.PutAsJsonAsync($"/api/v1/calendar/2096/days/{date}", day)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await communeAdmin.PostAsync("/api/v1/calendar/import", new StringContent("{}", Encoding.UTF8, "application/json"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await desk.PutAsJsonAsync($"/api/v1/working-hours/{commune}", new { morningStart = "07:00", morningEnd = "11:00", afternoonStart = "13:00", afternoonEnd = "17:00" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        app.WithDb(db => db.CalendarYears.Any(y => y.Year == 2096)).ShouldBeFalse();
        (await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/calendar/2026")).GetProperty("status").GetString().ShouldBe("confirmed");
    }

    [Fact]
    public async Task A_change_made_by_another_node_is_seen_after_the_refresh_interval()
    {
        var tuesday = FirstTuesdayOfJune(2097);
        var body = new { start = Iso(tuesday) + "T07:00:00+07:00", amount = 1, unit = "WorkingDays" };
        var sameDay = Iso(tuesday) + "T17:00:00+07:00";
        (await Ok(await app.Anonymous().PostAsJsonAsync("/api/v1/calendar/due", body))).GetProperty("due").GetString().ShouldBe(sameDay);

        // Another web node stores the day and bumps the revision; this node's cache does not know.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
            db.CalendarYears.Add(CalendarYear.From(new OfficialYear(2097, "Nút khác", [new CalendarDay(tuesday, CalendarDayKind.SwapOff, "Nghỉ do nút khác ghi", null)]), DateTime.UtcNow));
            await CalendarRevision.BumpAsync(db, DateTime.UtcNow, CancellationToken.None);
            await db.SaveChangesAsync();
        }

        (await Ok(await app.Anonymous().PostAsJsonAsync("/api/v1/calendar/due", body))).GetProperty("due").GetString().ShouldBe(sameDay);

        app.Clock.Advance(new CalendarOptions().RefreshInterval + TimeSpan.FromSeconds(1));
        (await Ok(await app.Anonymous().PostAsJsonAsync("/api/v1/calendar/due", body))).GetProperty("due").GetString().ShouldBe(Iso(tuesday.AddDays(1)) + "T17:00:00+07:00");
    }

    private static DateOnly FirstTuesdayOfJune(int year)
    {
        var day = new DateOnly(year, 6, 1);
        while (day.DayOfWeek != DayOfWeek.Tuesday)
        {
            day = day.AddDays(1);
        }

        return day;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Dictionary<string, (string Name, string Kind)> Days(JsonElement year) =>
        year.GetProperty("days").EnumerateArray().ToDictionary(
            d => d.GetProperty("date").GetString()!,
            d => (d.GetProperty("name").GetString()!, d.GetProperty("kind").GetString()!));

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }
}
