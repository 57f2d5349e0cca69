using System.Diagnostics;
using System.Globalization;
using MotCua.Web.Calendar;

namespace MotCua.Benchmarks;

/// <summary>Due dates of 15 working days (with a 15:00 cut-off) from random intake moments over 2018–2027, on one thread.</summary>
internal static class DueDateBenchmark
{
    private const int StartCount = 1_000_000;
    private const int Computations = 10_000_000;

    // vi-VN grouping ("12.345.678") spelled out, so the output does not depend on ICU being installed.
    private static readonly NumberFormatInfo VietnameseNumbers = new() { NumberGroupSeparator = ".", NumberDecimalSeparator = "," };

    public static void Run()
    {
        // What a web node builds: the shipped official years 2018–2027 and the rules' drafts for the rest of 1900–2100.
        var build = Stopwatch.StartNew();
        var official = OfficialCalendars.Load().ToDictionary(y => y.Key, y => y.Value.Days);
        var calendar = new WorkingCalendar(NationalCalendar.FirstYear, NationalCalendar.LastYear, NationalCalendar.Compose(official), WorkingHours.Default);
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

        // The same through the public surface other modules use: UTC moments in, +07:00 out.
        var unit = new UnitCalendar(null, calendar, 0);
        var moments = Array.ConvertAll(starts, start => VietnamTime.FromLocal(start).ToUniversalTime());
        warmUp.Restart();
        while (warmUp.ElapsedMilliseconds < 1000)
        {
            _ = ComputeDues(unit, moments, time, options, StartCount);
        }

        var surface = Stopwatch.StartNew();
        checksum += ComputeDues(unit, moments, time, options, Computations);
        surface.Stop();

        Console.WriteLine(string.Format(VietnameseNumbers, "calendar 1900–2100 built in: {0:N1} ms", build.Elapsed.TotalMilliseconds));
        Console.WriteLine(string.Format(VietnameseNumbers, "due-date computations/s (WorkingCalendar, one core): {0:N0}", Computations / timer.Elapsed.TotalSeconds));
        Console.WriteLine(string.Format(VietnameseNumbers, "ns/op: {0:N1}", timer.Elapsed.TotalNanoseconds / Computations));
        Console.WriteLine(string.Format(VietnameseNumbers, "due-date computations/s (UnitCalendar, UTC in, +07:00 out): {0:N0}", Computations / surface.Elapsed.TotalSeconds));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "checksum: {0}", checksum));
    }

    private static long ComputeDues(UnitCalendar calendar, DateTimeOffset[] starts, ProcessingTime time, DueOptions options, int count)
    {
        long checksum = 0;
        for (int i = 0, j = 0; i < count; i++, j = j + 1 == starts.Length ? 0 : j + 1)
        {
            checksum += calendar.Due(starts[j], time, options).UtcTicks;
        }

        return checksum;
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
