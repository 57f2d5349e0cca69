namespace MotCua.Web.Calendar;

/// <summary>A day that departs from the ordinary working week, with its Vietnamese name and legal or official source.</summary>
internal sealed record CalendarDay(DateOnly Date, CalendarDayKind Kind, string Name, string? Source);
