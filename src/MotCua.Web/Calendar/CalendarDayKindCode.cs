namespace MotCua.Web.Calendar;

/// <summary>The kinds as written in the JSON API: <c>holiday</c>, <c>compensatory</c>, <c>swap-off</c>, <c>swap-work</c>.</summary>
internal static class CalendarDayKindCode
{
    public static string ToCode(this CalendarDayKind kind) => kind switch
    {
        CalendarDayKind.Holiday => "holiday",
        CalendarDayKind.Compensatory => "compensatory",
        CalendarDayKind.SwapOff => "swap-off",
        CalendarDayKind.SwapWork => "swap-work",
    };

    /// <summary>Reads the API code or the enum name (<c>SwapOff</c>), as in the shipped data file.</summary>
    public static bool TryParse(string? text, out CalendarDayKind kind)
    {
        var normalized = text?.Trim().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        foreach (var candidate in Enum.GetValues<CalendarDayKind>())
        {
            if (string.Equals(candidate.ToString(), normalized, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
