namespace MotCua.Web.Calendar;

/// <summary>
/// The engine's time convention: Vietnamese wall-clock time (Asia/Ho_Chi_Minh, UTC+07:00, no
/// daylight saving) in <see cref="DateTime"/> values of kind <see cref="DateTimeKind.Unspecified"/>.
/// UTC and server-local values are rejected rather than silently read as Vietnamese time; convert
/// them first, e.g. <c>TimeZoneInfo.ConvertTimeBySystemTimeZoneId(utcNow, "Asia/Ho_Chi_Minh")</c>.
/// </summary>
internal static class LocalTime
{
    public static long Ticks(DateTime moment, string name) => moment.Kind == DateTimeKind.Unspecified
        ? moment.Ticks
        : throw new ArgumentException("Expected Vietnamese wall-clock time of kind Unspecified.", name);

    public static DateOnly Date(DateTime moment, string name) =>
        DateOnly.FromDayNumber((int)(Ticks(moment, name) / TimeSpan.TicksPerDay));
}
