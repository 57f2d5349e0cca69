namespace MotCua.Web.Calendar;

/// <summary>
/// The boundary between the application's moments (UTC, <see cref="DateTimeOffset"/>) and the
/// engine's Vietnamese wall-clock time (<see cref="LocalTime"/>). Vietnam has kept UTC+07:00
/// without daylight saving since 1975, so the conversion is a fixed offset.
/// </summary>
internal static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateTime ToLocal(DateTimeOffset moment) =>
        DateTime.SpecifyKind(moment.UtcDateTime + Offset, DateTimeKind.Unspecified);

    /// <summary>A stored UTC timestamp (its kind may be lost by the database) as Vietnamese time.</summary>
    public static DateTimeOffset FromUtc(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(Offset);

    /// <summary>An engine moment as an offset time, written <c>...+07:00</c>.</summary>
    public static DateTimeOffset FromLocal(DateTime local) =>
        new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Offset);
}
