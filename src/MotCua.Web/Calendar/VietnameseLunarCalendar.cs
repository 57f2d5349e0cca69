namespace MotCua.Web.Calendar;

/// <summary>
/// The Vietnamese lunar calendar, computed for UTC+7 (the official reckoning
/// since 1968) from astronomical new moons and solar terms, for lunar years
/// 1900–2100.
/// </summary>
internal static class VietnameseLunarCalendar
{
    internal const int MinYear = 1900;
    internal const int MaxYear = 2100;

    // Vietnam's calendar is reckoned at the 105th meridian east.
    internal const double UtcOffsetHours = 7.0;

    private static readonly LunarTable Table = LunarTable.Build(MinYear, MaxYear, UtcOffsetHours);

    /// <summary>First supported solar date: Tết of 1900.</summary>
    internal static DateOnly MinDate => DateOnly.FromDayNumber(Table.FirstDay);

    /// <summary>Last supported solar date: the last day of lunar year 2100.</summary>
    internal static DateOnly MaxDate => DateOnly.FromDayNumber(Table.EndDay - 1);

    internal static LunarDate ToLunar(DateOnly solar)
    {
        if (!Table.Contains(solar.DayNumber))
        {
            throw new ArgumentOutOfRangeException(nameof(solar), solar, $"Supported solar dates are {MinDate:O} to {MaxDate:O}.");
        }

        return Table.ToLunar(solar.DayNumber);
    }

    internal static DateOnly ToSolar(LunarDate lunar)
    {
        CheckYear(lunar.Year, nameof(lunar));
        return TryToSolar(lunar, out DateOnly solar)
            ? solar
            : throw new ArgumentOutOfRangeException(nameof(lunar), lunar, "No such day in the lunar calendar.");
    }

    /// <summary>Converts a lunar date; false when it does not exist (e.g. a missing leap month or day 30 of a short month).</summary>
    internal static bool TryToSolar(LunarDate lunar, out DateOnly solar)
    {
        int? day = Table.ToDayNumber(lunar);
        solar = day is int d ? DateOnly.FromDayNumber(d) : default;
        return day.HasValue;
    }

    /// <summary>Solar date of Tết Nguyên đán (1st day of the 1st lunar month).</summary>
    internal static DateOnly LunarNewYear(int year)
    {
        CheckYear(year, nameof(year));
        return DateOnly.FromDayNumber(Table.NewYear(year));
    }

    /// <summary>The leap month (tháng nhuận) of a lunar year, or 0 when there is none.</summary>
    internal static int LeapMonth(int year)
    {
        CheckYear(year, nameof(year));
        return Table.LeapMonth(year);
    }

    private static void CheckYear(int year, string paramName)
    {
        if (year is < MinYear or > MaxYear)
        {
            throw new ArgumentOutOfRangeException(paramName, year, $"Supported lunar years are {MinYear}–{MaxYear}.");
        }
    }
}
