using System.Globalization;
using MotCua.Web.Calendar;

namespace MotCua.Tests.Calendar;

/// <summary>The real 2026 days off, as a stand-in for the calendar data, and Vietnamese-format date helpers.</summary>
internal static class TestCalendar
{
    public static readonly IReadOnlyList<CalendarDay> Days2026 =
    [
        new(new DateOnly(2026, 1, 1), CalendarDayKind.Holiday, "Tết Dương lịch", null),
        new(new DateOnly(2026, 2, 16), CalendarDayKind.Holiday, "Tết Nguyên đán", null),
        new(new DateOnly(2026, 2, 17), CalendarDayKind.Holiday, "Tết Nguyên đán", null),
        new(new DateOnly(2026, 2, 18), CalendarDayKind.Holiday, "Tết Nguyên đán", null),
        new(new DateOnly(2026, 2, 19), CalendarDayKind.Holiday, "Tết Nguyên đán", null),
        new(new DateOnly(2026, 2, 20), CalendarDayKind.Holiday, "Tết Nguyên đán", null),
        new(new DateOnly(2026, 4, 26), CalendarDayKind.Holiday, "Giỗ Tổ Hùng Vương", null),
        new(new DateOnly(2026, 4, 27), CalendarDayKind.Compensatory, "Nghỉ bù Giỗ Tổ Hùng Vương", null),
        new(new DateOnly(2026, 4, 30), CalendarDayKind.Holiday, "Ngày Chiến thắng", null),
        new(new DateOnly(2026, 5, 1), CalendarDayKind.Holiday, "Ngày Quốc tế Lao động", null),
        new(new DateOnly(2026, 8, 22), CalendarDayKind.SwapWork, "Làm bù cho 31/8", null),
        new(new DateOnly(2026, 8, 31), CalendarDayKind.SwapOff, "Nghỉ hoán đổi dịp Quốc khánh", null),
        new(new DateOnly(2026, 9, 2), CalendarDayKind.Holiday, "Quốc khánh", null),
    ];

    public static readonly WorkingCalendar Engine = new(1900, 2100, Days2026, WorkingHours.Default);

    public static DateTime At(string text) =>
        DateTime.ParseExact(text, "dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    public static DateOnly Date(string text) =>
        DateOnly.ParseExact(text, "dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static TimeOnly? Time(string? text) =>
        text is null ? null : TimeOnly.ParseExact(text, "HH:mm", CultureInfo.InvariantCulture);
}
