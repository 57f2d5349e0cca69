using System.Diagnostics;
using System.Globalization;
using MotCua.Web.Calendar;

namespace MotCua.Benchmarks;

/// <summary>Due dates of 15 working days from random intake moments over 2018–2027, on one thread.</summary>
internal static class DueDateBenchmark
{
    private const int StartCount = 1_000_000;
    private const int Computations = 10_000_000;

    // vi-VN grouping ("12.345.678") spelled out, so the output does not depend on ICU being installed.
    private static readonly NumberFormatInfo VietnameseNumbers = new() { NumberGroupSeparator = ".", NumberDecimalSeparator = "," };

    // A few real days off: the cost is independent of the list, which only shapes the prefix arrays.
    private static readonly CalendarDay[] DaysOff =
    [
        new(new DateOnly(2026, 1, 1), CalendarDayKind.Holiday, "Tết Dương lịch", null),
        .. Enumerable.Range(16, 5).Select(day => new CalendarDay(new DateOnly(2026, 2, day), CalendarDayKind.Holiday, "Tết Nguyên đán", null)),
        new(new DateOnly(2026, 4, 27), CalendarDayKind.Compensatory, "Nghỉ bù Giỗ Tổ Hùng Vương", null),
        new(new DateOnly(2026, 4, 30), CalendarDayKind.Holiday, "Ngày Chiến thắng", null),
        new(new DateOnly(2026, 5, 1), CalendarDayKind.Holiday, "Ngày Quốc tế Lao động", null),
        new(new DateOnly(2026, 8, 22), CalendarDayKind.SwapWork, "Làm bù cho 31/8", null),
        new(new DateOnly(2026, 8, 31), CalendarDayKind.SwapOff, "Nghỉ hoán đổi dịp Quốc khánh", null),
        new(new DateOnly(2026, 9, 2), CalendarDayKind.Holiday, "Quốc khánh", null),
    ];

    public static void Run()
    {
        var build = Stopwatch.StartNew();
        var calendar = new WorkingCalendar(1900, 2100, DaysOff, WorkingHours.Default);
        build.Stop();

        var time = new ProcessingTime(15, DurationUnit.WorkingDays);
        var options = new DueOptions(new TimeOnly(15, 0));
        var starts = RandomStarts(new Random(20260213));

        // Let tiered compilation settle on optimised code before timing.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.ElapsedMilliseconds < 1000)
        {
            _ = ComputeDues(calendar, starts, time, options, StartCount);
        }

        var timer = Stopwatch.StartNew();
        long checksum = ComputeDues(calendar, starts, time, options, Computations);
        timer.Stop();

        Console.WriteLine(string.Format(VietnameseNumbers, "calendar 1900–2100 built in: {0:N1} ms", build.Elapsed.TotalMilliseconds));
        Console.WriteLine(string.Format(VietnameseNumbers, "due-date computations/s: {0:N0}", Computations / timer.Elapsed.TotalSeconds));
        Console.WriteLine(string.Format(VietnameseNumbers, "ns/op: {0:N1}", timer.Elapsed.TotalNanoseconds / Computations));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "checksum: {0}", checksum));
    }

    private static DateTime[] RandomStarts(Random random)
    {
        var first = new DateTime(2018, 1, 1);
        long minutes = (long)(new DateTime(2028, 1, 1) - first).TotalMinutes;
        var starts = new DateTime[StartCount];
        for (int i = 0; i < starts.Length; i++)
        {
            starts[i] = first.AddMinutes(random.NextInt64(minutes));
        }

        return starts;
    }

    // The (wrapping) checksum keeps the JIT from discarding the computations.
    private static long ComputeDues(WorkingCalendar calendar, DateTime[] starts, ProcessingTime time, DueOptions options, int count)
    {
        long checksum = 0;
        for (int i = 0, j = 0; i < count; i++, j = j + 1 == starts.Length ? 0 : j + 1)
        {
            checksum += calendar.Due(starts[j], time, options).Ticks;
        }

        return checksum;
    }
}
