namespace MotCua.Web.Calendar;

internal enum DurationUnit
{
    WorkingDays,
    HalfDays,
    WorkingHours,
    CalendarDays,
}

/// <summary>
/// A procedure's processing time as published ("15 ngày làm việc", "4 giờ làm việc").
/// The amount is a whole number: published times are whole numbers of some unit, and "0,5 ngày"
/// or "1,5 ngày" is written as 1 or 3 half-days. Integers keep the hot path exact, free of
/// rounding questions such as what 0.3 working days is in minutes.
/// </summary>
internal readonly record struct ProcessingTime
{
    public ProcessingTime(int amount, DurationUnit unit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        if (!Enum.IsDefined(unit))
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown duration unit.");
        }

        Amount = amount;
        Unit = unit;
    }

    public int Amount { get; }

    public DurationUnit Unit { get; }
}
