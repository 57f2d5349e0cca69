namespace MotCua.Web.Calendar;

/// <summary>The civil-servant calendar over the whole supported range: stored years as they are, other years from the rules.</summary>
internal static class NationalCalendar
{
    public const int FirstYear = VietnameseLunarCalendar.MinYear;
    public const int LastYear = VietnameseLunarCalendar.MaxYear;

    /// <summary>The source shown for a year nobody has stored yet.</summary>
    public const string GeneratedSource =
        "Sinh tự động theo quy định của Bộ luật Lao động về ngày nghỉ lễ, Tết và nghỉ bù; chưa đối chiếu với thông báo chính thức của năm.";

    public static bool Covers(int year) => year is >= FirstYear and <= LastYear;

    public static IEnumerable<CalendarDay> Compose(IReadOnlyDictionary<int, IReadOnlyList<CalendarDay>> storedYears)
    {
        for (var year = FirstYear; year <= LastYear; year++)
        {
            foreach (var day in storedYears.TryGetValue(year, out var stored) ? stored : HolidayRules.Generate(year))
            {
                yield return day;
            }
        }
    }
}
