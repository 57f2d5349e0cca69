namespace MotCua.Web.Calendar;

/// <summary>The days off and make-up working days announced for public bodies in one calendar year.</summary>
internal sealed record OfficialYear(int Year, string Source, IReadOnlyList<CalendarDay> Days);
