using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Calendar;
using MotCua.Web.Catalog;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;
using MotCua.Web.Units;

namespace MotCua.Web.Workflow;

internal enum InboxKind
{
    /// <summary>Assigned to the caller.</summary>
    Mine,

    /// <summary>Unassigned dossiers in processing at the caller's units: the office's queue.</summary>
    Office,

    /// <summary>Undecided dossiers of the caller's units due within <see cref="ListInbox.SoonDays"/> days.</summary>
    DueSoon,

    /// <summary>Undecided dossiers of the caller's units past their due date.</summary>
    Overdue,

    /// <summary>Dossiers of the caller's units waiting for the applicant: a supplement, or a fee, charge or tax to pay.</summary>
    Waiting,

    /// <summary>Một cửa liên thông: undecided dossiers of other units transferred to the caller's agency, until they leave its step.</summary>
    Incoming,
}

/// <summary>
/// <c>GET /api/v1/inbox/{kind}?after=…&amp;size=…&amp;procedure=…&amp;domain=…&amp;state=…&amp;channel=…&amp;from=…&amp;to=…</c>: a page of an
/// inbox sorted by due date (then code), with keyset pagination (the cursor is the last row's due moment and code, so
/// a page costs the same however deep it is), filtered by procedure, domain, state, channel and receipt dates
/// (Vietnamese calendar days), with the working time each dossier has left.
/// </summary>
internal static partial class ListInbox
{
    public const int SoonDays = 2;

    /// <summary>A listed dossier; <see cref="WorkingHoursLeft"/> is null while its clock is stopped (a supplement, or a payment that stops it).</summary>
    public sealed record Row(string Code, string ProcedureName, string OwnerName, string State, int NationalState, DateTimeOffset DueAt,
        int? CurrentStep, Guid? AssigneeId, bool TransferPending, double? WorkingHoursLeft);

    public sealed record Response(IReadOnlyList<Row> Items, string? Next);

    /// <summary>Optional filters; <c>from</c> and <c>to</c> are receipt dates, <c>yyyy-MM-dd</c>, both included.</summary>
    public sealed record Filter(string? Procedure, string? Domain, string? State, string? Channel, string? From, string? To);

    /// <summary>The parsed filters (receipt dates are Vietnamese calendar days, both included).</summary>
    internal sealed record Selection(string? Procedure, string? Domain, DossierState? State, Channel? Channel, DateOnly? From, DateOnly? To);

    public static async Task<Ok<Response>> Handle(string kind, string? after, int? size, [AsParameters] Filter filter, MotCuaDbContext db, IntakeCache cache,
        CurrentActor actor, IWorkingCalendar calendars, TimeProvider clock, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        if (!Enum.TryParse<InboxKind>(kind.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var box))
        {
            errors.Add("kind", "Workflow.UnknownInbox");
        }

        var pageSize = size ?? 20;
        if (pageSize is < 1 or > 100)
        {
            errors.Add("size", "Workflow.BadPageSize", 100);
        }

        var cursor = Cursor(after);
        if (after is not null && cursor is null)
        {
            errors.Add("after", "Workflow.BadCursor");
        }

        var state = Parse<DossierState>(filter.State, "state", errors);
        var channel = Parse<Channel>(filter.Channel, "channel", errors);
        var from = Date(filter.From, "from", errors);
        var to = Date(filter.To, "to", errors);
        errors.ThrowIfAny();
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await TopAsync(db, cache, box, actor, now, new Selection(filter.Procedure, filter.Domain, state, channel, from, to), cursor, pageSize + 1,
            cancellationToken);
        var page = rows.Take(pageSize).ToList();
        var calendarOf = await CalendarsAsync(calendars, page, cancellationToken);
        var running = await ClockRunningAsync(db, page, cancellationToken);
        var items = new List<Row>(page.Count);
        foreach (var d in page)
        {
            var calendar = calendarOf[UnitPath.Code(d.HandlingUnitPath)];
            items.Add(new Row(d.Code!, d.ProcedureName, d.Owner, d.State.ToString(), d.State.NationalCode(), VietnamTime.FromUtc(d.DueAt!.Value), d.CurrentStep,
                d.AssigneeId, d.TransferUnitPath is not null && !d.TransferAccepted,
                running.Contains(d.Id) ? Math.Round(ProcessingClock.WorkingTimeLeft(calendar, now, d.DueAt.Value).TotalHours, 2) : null));
        }

        var next = rows.Count > pageSize ? page[^1] : null;
        return TypedResults.Ok(new Response(items, next is null ? null : NextCursor(next.DueAt!.Value, next.Code!)));
    }

    /// <summary>The calendar of each listed dossier's handling unit, asked once per unit.</summary>
    internal static async Task<Dictionary<string, UnitCalendar>> CalendarsAsync(IWorkingCalendar calendars, IEnumerable<Listed> rows,
        CancellationToken cancellationToken)
    {
        var byUnit = new Dictionary<string, UnitCalendar>(StringComparer.Ordinal);
        foreach (var unit in rows.Select(r => UnitPath.Code(r.HandlingUnitPath)).Distinct())
        {
            byUnit[unit] = await calendars.ForUnitAsync(unit, cancellationToken);
        }

        return byUnit;
    }

    /// <summary>The states a box lists: those waiting for the applicant in <see cref="InboxKind.Waiting"/>, the undecided ones elsewhere.</summary>
    internal static IReadOnlyList<DossierState> StatesOf(InboxKind box) => box == InboxKind.Waiting
        ? [DossierState.AwaitingSupplement, DossierState.AwaitingPayment]
        : [DossierState.Received, DossierState.Processing];

    /// <summary>
    /// The listed dossiers whose clock runs (<see cref="Dossier.ClockRuns"/>). The undecided boxes list only running clocks; a
    /// dossier waiting for the applicant is asked of the database, and only then: a payment whose time counts keeps its clock.
    /// </summary>
    internal static async Task<HashSet<Guid>> ClockRunningAsync(MotCuaDbContext db, IReadOnlyList<Listed> page, CancellationToken cancellationToken)
    {
        var undecided = StatesOf(InboxKind.Mine);
        var running = page.Where(d => undecided.Contains(d.State)).Select(d => d.Id).ToHashSet();
        var waiting = page.Where(d => !undecided.Contains(d.State)).Select(d => d.Id).ToList();
        if (waiting.Count > 0)
        {
            running.UnionWith(await db.Dossiers.AsNoTracking().Where(d => waiting.Contains(d.Id)).Where(Dossier.ClockRuns).Select(d => d.Id)
                .ToListAsync(cancellationToken));
        }

        return running;
    }

    internal static string NextCursor(DateTime dueAt, string code) => string.Create(CultureInfo.InvariantCulture, $"{dueAt.Ticks}_{code}");

    internal static (DateTime Due, string Code)? Cursor(string? after)
    {
        var parts = after?.Split('_', 2);
        return parts is [var ticks, { Length: > 0 and <= 60 } code] && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t)
            && t is > 0 and < 3155378975999999999
            ? (new DateTime(t, DateTimeKind.Utc), code)
            : null;
    }

    private static T? Parse<T>(string? value, string field, FieldErrors errors)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (Enum.TryParse<T>(value.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, CultureInfo.InvariantCulture, out _))
        {
            return parsed;
        }

        errors.Add(field, "Workflow.BadFilter");
        return null;
    }

    private static DateOnly? Date(string? value, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(field, "Validation.BadDate");
        return null;
    }
}
