namespace MotCua.Web.Calendar;

/// <summary>A date of the Vietnamese lunar calendar (âm lịch).</summary>
/// <param name="Year">Lunar year, named by the Gregorian year in which its first day (Tết) falls.</param>
/// <param name="Month">Month 1–12; a leap month repeats the number of the month before it.</param>
/// <param name="Day">Day 1–30.</param>
/// <param name="IsLeapMonth">True for the leap month (tháng nhuận).</param>
internal readonly record struct LunarDate(int Year, int Month, int Day, bool IsLeapMonth);
