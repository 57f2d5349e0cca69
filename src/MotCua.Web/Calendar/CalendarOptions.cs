namespace MotCua.Web.Calendar;

internal sealed class CalendarOptions
{
    public const string Section = "MotCua:Calendar";

    /// <summary>How long a web node trusts its cached calendars before asking the database whether they changed.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);
}
