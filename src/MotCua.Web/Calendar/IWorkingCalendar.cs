namespace MotCua.Web.Calendar;

/// <summary>
/// The calendar module's surface for other modules: the working calendar of a unit (national days
/// off and the unit's office hours, inherited from the nearest ancestor that sets them).
/// A null unit code gives the national default hours.
/// </summary>
internal interface IWorkingCalendar
{
    /// <summary>The unit's calendar; throws <see cref="KeyNotFoundException"/> for an unknown unit code.</summary>
    Task<UnitCalendar> ForUnitAsync(string? unitCode, CancellationToken cancellationToken = default);

    /// <summary>The unit's calendar, or null for an unknown unit code.</summary>
    Task<UnitCalendar?> FindForUnitAsync(string? unitCode, CancellationToken cancellationToken = default);
}

internal static class WorkingCalendarExtensions
{
    public static async Task<DateTimeOffset> DueAsync(this IWorkingCalendar calendars, string? unitCode, DateTimeOffset receivedAt,
        ProcessingTime time, DueOptions options, CancellationToken cancellationToken = default) =>
        (await calendars.ForUnitAsync(unitCode, cancellationToken)).Due(receivedAt, time, options);

    public static async Task<TimeSpan> WorkingTimeBetweenAsync(this IWorkingCalendar calendars, string? unitCode, DateTimeOffset from,
        DateTimeOffset to, IEnumerable<(DateTimeOffset From, DateTimeOffset To)>? excluded = null, CancellationToken cancellationToken = default) =>
        (await calendars.ForUnitAsync(unitCode, cancellationToken)).WorkingTimeBetween(from, to, excluded);
}
