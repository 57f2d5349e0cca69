namespace MotCua.Web.Calendar;

/// <summary>Why a day differs from the ordinary Monday–Friday working week of public bodies.</summary>
internal enum CalendarDayKind
{
    /// <summary>A statutory public holiday (ngày nghỉ lễ, tết), even when it falls on a weekly rest day.</summary>
    Holiday,

    /// <summary>A day off in lieu of a holiday that fell on a weekly rest day (nghỉ bù).</summary>
    Compensatory,

    /// <summary>A working day turned into a day off by an official swap (nghỉ hoán đổi).</summary>
    SwapOff,

    /// <summary>A weekly rest day (usually Saturday) worked to make up for a swap (làm việc bù).</summary>
    SwapWork,
}
