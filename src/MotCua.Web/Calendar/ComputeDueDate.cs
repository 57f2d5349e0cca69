using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Calendar;

/// <summary>
/// <c>POST /api/v1/calendar/due</c> and the desk's due date calculator: the due moment of a processing
/// time counted from a start, and why it falls there (where the count starts, the office hours
/// used, and the days off skipped, with their names).
/// </summary>
internal static partial class ComputeDueDate
{
    public const int MaxAmount = 10_000;

    /// <param name="Start">ISO 8601; without an offset it is Vietnamese time, e.g. <c>2026-02-13T16:30</c>.</param>
    /// <param name="Amount">Whole units, 0 to 10 000.</param>
    /// <param name="Unit"><c>WorkingDays</c>, <c>HalfDays</c>, <c>WorkingHours</c> or <c>CalendarDays</c>.</param>
    /// <param name="UnitCode">The receiving unit, whose office hours apply; null for the national default.</param>
    /// <param name="Cutoff">The procedure's same-day cut-off, <c>HH:mm</c>: received later, counted from the next working day.</param>
    public sealed record Request(string? Start, int? Amount, string? Unit, string? UnitCode, string? Cutoff);

    public sealed record Hours(string MorningStart, string MorningEnd, string AfternoonStart, string AfternoonEnd);

    public sealed record Response(
        DateTimeOffset Start,
        DateTimeOffset CountFrom,
        DateTimeOffset Due,
        DateOnly DueDate,
        int Amount,
        string Unit,
        string? UnitCode,
        string? Cutoff,
        Hours WorkingHours,
        IReadOnlyList<SkippedDay> SkippedDays);

    public sealed record SkippedDay(DateOnly Date, string Name, string Kind);

    public static async Task<Ok<Response>> Handle(Request request, IWorkingCalendar calendars, IStringLocalizer<CalendarResource> localizer,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await ComputeAsync(request, calendars, localizer, cancellationToken));

    public static async Task<Response> ComputeAsync(Request request, IWorkingCalendar calendars, IStringLocalizer<CalendarResource> localizer,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        DateTimeOffset start = default;
        if (string.IsNullOrWhiteSpace(request.Start))
        {
            errors.Add("start", "Calendar.Required");
        }
        else if (!TryParseMoment(request.Start, out start))
        {
            errors.Add("start", "Calendar.BadStart");
        }
        else if (!NationalCalendar.Covers(VietnamTime.ToLocal(start).Year))
        {
            errors.Add("start", "Calendar.BadStartYear", NationalCalendar.FirstYear, NationalCalendar.LastYear);
        }

        if (request.Amount is not { } amount)
        {
            errors.Add("amount", "Calendar.Required");
            amount = 0;
        }
        else if (amount is < 0 or > MaxAmount)
        {
            errors.Add("amount", "Calendar.AmountRange", MaxAmount.ToString("N0", CultureInfo.CurrentCulture));
        }

        if (!TryParseUnit(request.Unit, out var unit))
        {
            errors.Add("unit", "Calendar.BadUnit");
        }

        TimeOnly? cutoff = null;
        if (!string.IsNullOrWhiteSpace(request.Cutoff))
        {
            if (TimeOnly.TryParseExact(request.Cutoff.Trim(), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                cutoff = time;
            }
            else
            {
                errors.Add("cutoff", "Calendar.BadCutoff");
            }
        }

        var unitCode = string.IsNullOrWhiteSpace(request.UnitCode) ? null : request.UnitCode.Trim();
        var calendar = await calendars.FindForUnitAsync(unitCode, cancellationToken);
        if (calendar is null)
        {
            errors.Add("unitCode", "Calendar.UnknownUnit", unitCode!);
        }

        errors.ThrowIfAny();
        var processing = new ProcessingTime(amount, unit);
        var options = new DueOptions(cutoff);
        try
        {
            var due = calendar!.Due(start, processing, options);
            var hours = calendar.Hours;
            return new Response(
                start.ToOffset(VietnamTime.Offset),
                calendar.EffectiveStart(start, options),
                due,
                DateOnly.FromDateTime(due.DateTime),
                amount,
                unit.ToString(),
                unitCode,
                cutoff?.ToString("HH:mm", CultureInfo.InvariantCulture),
                new Hours(Text(hours.MorningStart), Text(hours.MorningEnd), Text(hours.AfternoonStart), Text(hours.AfternoonEnd)),
                calendar.SkippedDaysBetween(start, due).Select(d => new SkippedDay(d.Date, d.Name, d.Kind.ToCode())).ToList());
        }
        catch (ArgumentOutOfRangeException)
        {
            // The due moment falls after 2100, beyond the calendar.
            errors.Add("amount", "Calendar.BeyondRange", NationalCalendar.LastYear);
            errors.ThrowIfAny();
            throw;
        }
    }

    public static bool TryParseUnit(string? text, out DurationUnit unit)
    {
        unit = default;
        return !string.IsNullOrWhiteSpace(text) && !char.IsAsciiDigit(text.Trim()[0]) && !text.Contains(',', StringComparison.Ordinal)
            && Enum.TryParse(text.Trim(), ignoreCase: true, out unit) && Enum.IsDefined(unit);
    }

    /// <summary>ISO 8601 only (no ambiguous <c>02/03</c>); an impossible date such as 30/02 is refused.</summary>
    public static bool TryParseMoment(string text, out DateTimeOffset moment)
    {
        moment = default;
        var match = IsoMoment().Match(text.Trim());
        if (!match.Success
            || !DateOnly.TryParseExact(match.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || !TimeOnly.TryParseExact(match.Groups["time"].Value, ["HH:mm", "HH:mm:ss", "HH:mm:ss.FFFFFFF"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return false;
        }

        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        var zone = match.Groups["zone"].Value;
        if (zone.Length == 0)
        {
            moment = VietnamTime.FromLocal(local);
            return true;
        }

        var offset = TimeSpan.Zero;
        if (zone is not ("Z" or "z"))
        {
            if (!TimeSpan.TryParseExact(zone[1..], @"hh\:mm", CultureInfo.InvariantCulture, out offset) || offset > TimeSpan.FromHours(14))
            {
                return false;
            }

            offset = zone[0] == '-' ? -offset : offset;
        }

        moment = new DateTimeOffset(local, offset);
        return true;
    }

    private static string Text(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})[T ](?<time>\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?)(?<zone>Z|z|[+-]\d{2}:\d{2})?$")]
    private static partial Regex IsoMoment();
}
