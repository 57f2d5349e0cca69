namespace MotCua.Web.Privacy;

/// <summary>Retention and purge settings (section <c>MotCua:Privacy</c>).</summary>
internal sealed class PrivacyOptions
{
    public const string Section = "MotCua:Privacy";

    /// <summary>
    /// Years a closed dossier keeps the people's data when its procedure sets none. Ten years is the common retention of
    /// administrative-procedure files in the archive schedules (Law on Archives 2024 and the Ministry of Home Affairs'
    /// retention schedule for common records, Circular 10/2022/TT-BNV: check the line for each procedure); procedures whose
    /// files are kept longer, or permanently (land, civil status), set their own period.
    /// </summary>
    public int DefaultRetentionYears { get; set; } = 10;

    /// <summary>How often each web node looks for dossiers whose retention has ended.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The longest period a procedure may set.</summary>
    public const int MaxRetentionYears = 100;
}

/// <summary>The retention rule itself, pure: dates in, date out.</summary>
internal static class Retention
{
    /// <summary>
    /// The first day on which a dossier closed on <paramref name="closedOn"/> (Vietnam date) may lose its people's data.
    /// Archive periods run in whole years from the year after the file was closed (the file belongs to the year its work
    /// ended), so a dossier closed on 15/03/2015 and kept 10 years is kept through 31/12/2025 and erased from 01/01/2026.
    /// </summary>
    public static DateOnly ErasableFrom(DateOnly closedOn, int years) => new(closedOn.Year + years + 1, 1, 1);

    /// <summary>The latest close moment (UTC, exclusive) whose dossiers may be erased on <paramref name="today"/>: those closed before the Vietnam year <c>today.Year - years</c>.</summary>
    public static DateTime ClosedBeforeUtc(DateOnly today, int years) =>
        Calendar.VietnamTime.FromLocal(new DateTime(today.Year - years, 1, 1, 0, 0, 0, DateTimeKind.Unspecified)).UtcDateTime;
}
