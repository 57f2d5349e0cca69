namespace MotCua.Web.Calendar;

/// <summary>
/// A unit's daily office hours: a morning and an afternoon session, as local wall-clock times.
/// The default 07:00–11:30 and 13:30–17:00 is the usual provincial schedule and gives the
/// 8-hour normal working day. Units publish their own hours, hence configurable.
/// </summary>
internal sealed record WorkingHours
{
    // Labor Code 2019 Art. 105: normal working time is at most 8 hours a day.
    public static WorkingHours Default { get; } =
        new(new TimeOnly(7, 0), new TimeOnly(11, 30), new TimeOnly(13, 30), new TimeOnly(17, 0));

    public WorkingHours(TimeOnly morningStart, TimeOnly morningEnd, TimeOnly afternoonStart, TimeOnly afternoonEnd)
    {
        if (morningStart >= morningEnd)
        {
            throw new ArgumentException("The morning session must start before it ends.", nameof(morningEnd));
        }

        if (afternoonStart >= afternoonEnd)
        {
            throw new ArgumentException("The afternoon session must start before it ends.", nameof(afternoonEnd));
        }

        if (morningEnd > afternoonStart)
        {
            throw new ArgumentException("The morning session must end before the afternoon session starts.", nameof(afternoonStart));
        }

        MorningStart = morningStart;
        MorningEnd = morningEnd;
        AfternoonStart = afternoonStart;
        AfternoonEnd = afternoonEnd;
    }

    public TimeOnly MorningStart { get; }

    public TimeOnly MorningEnd { get; }

    public TimeOnly AfternoonStart { get; }

    public TimeOnly AfternoonEnd { get; }

    public TimeSpan MorningLength => MorningEnd - MorningStart;

    /// <summary>Working time in one full working day (8 h with the default hours).</summary>
    public TimeSpan DayLength => MorningLength + (AfternoonEnd - AfternoonStart);
}
