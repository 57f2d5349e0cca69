using Microsoft.Extensions.Localization;
namespace MotCua.Web.Workflow;

/// <summary>Working time told in words: "còn 1 ngày 3 giờ làm việc", "quá hạn 2 ngày làm việc" (a working day is the unit's day length, 8 hours by default, DESIGN.md §4.4).</summary>
internal static class WorkingTimeText
{
    public static string Left(IStringLocalizer localizer, TimeSpan left, TimeSpan workingDay)
    {
        var span = left.Duration();
        var days = (int)(span / workingDay);
        var hours = (int)(span - (days * workingDay)).TotalHours;
        var parts = new List<string>();
        if (days > 0)
        {
            parts.Add(localizer["Time.Days", days]);
        }

        if (hours > 0)
        {
            parts.Add(localizer["Time.Hours", hours]);
        }

        if (days == 0 && hours == 0)
        {
            parts.Add(localizer["Time.Minutes", span.Minutes]);
        }

        return localizer[left < TimeSpan.Zero ? "Time.Overdue" : "Time.Left", string.Join(' ', parts)];
    }
}
