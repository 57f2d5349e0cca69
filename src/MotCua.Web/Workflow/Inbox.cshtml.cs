using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Calendar;
using MotCua.Web.Catalog;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Units;

namespace MotCua.Web.Workflow;

/// <summary>
/// The inboxes of the back office (<c>/backoffice/ho-so</c>): assigned to me, my office's queue, due soon, overdue, waiting for
/// the applicant, transferred to my agency by another unit; the
/// same boxes as <c>/api/v1/inbox</c>, filtered by procedure, domain, state, channel and received date, sorted by due
/// date with a keyset cursor, each row with the working time it has left.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class InboxModel(MotCuaDbContext db, IntakeCache cache, CurrentActor actor, IWorkingCalendar calendars, TimeProvider clock,
    IStringLocalizer<SharedResource> localizer)
    : PageModel
{
    public const int PageSize = 20;

    public static readonly (string Route, InboxKind Kind)[] Tabs =
        [("cua-toi", InboxKind.Mine), ("phong", InboxKind.Office), ("sap-den-han", InboxKind.DueSoon), ("qua-han", InboxKind.Overdue),
            ("cho-nguoi-nop", InboxKind.Waiting), ("lien-thong-den", InboxKind.Incoming)];

    public sealed record Row(Guid Id, string Code, string ProcedureCode, string ProcedureName, string OwnerName, string State, string Step, string Office,
        bool TransferPending, DateTimeOffset DueAt, string Left, bool Late);

    [BindProperty(SupportsGet = true)] public string? Box { get; set; }
    [BindProperty(SupportsGet = true)] public string? Procedure { get; set; }
    [BindProperty(SupportsGet = true)] public string? Domain { get; set; }
    [BindProperty(SupportsGet = true)] public DossierState? State { get; set; }
    [BindProperty(SupportsGet = true)] public Channel? Channel { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? After { get; set; }

    /// <summary>The action just done on a dossier that left the officer's sight with it (<c>?done=forward&amp;ma=CODE</c>).</summary>
    public string? Done { get; private set; }

    public string Tab { get; private set; } = "cua-toi";

    /// <summary>The states the tab's dossiers can be in, offered by the state filter.</summary>
    public IReadOnlyList<DossierState> States { get; private set; } = ListInbox.StatesOf(InboxKind.Mine);
    public List<Row> Rows { get; } = [];
    public string? Next { get; private set; }
    public List<(string Code, string Name)> Domains { get; private set; } = [];
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(string? done, string? ma)
    {
        var cancellationToken = HttpContext.RequestAborted;
        Done = done is { Length: < 40 } && ma is { Length: < 60 } && localizer["Workspace.Done." + done] is { ResourceNotFound: false } text
            ? text.Value + " (" + ma + ")"
            : null;
        var tab = Tabs.FirstOrDefault(t => t.Route == (Box ?? "cua-toi"));
        if (tab.Route is null)
        {
            return NotFound();
        }

        Tab = tab.Route;
        States = ListInbox.StatesOf(tab.Kind);
        Domains = (await db.Domains.AsNoTracking().OrderBy(d => d.Name).Select(d => new { d.Code, d.Name }).ToListAsync(cancellationToken))
            .Select(d => (d.Code, d.Name)).ToList();
        var cursor = ListInbox.Cursor(After);
        if (After is not null && cursor is null)
        {
            Errors.Add(localizer["Workflow.BadCursor"]);
        }

        if (!ModelState.IsValid)
        {
            Errors.Add(localizer["Inbox.BadFilter"]);
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await ListInbox.TopAsync(db, cache, tab.Kind, actor, now, new ListInbox.Selection(Procedure, Domain, State, Channel, From, To), cursor,
            PageSize + 1, cancellationToken);
        var page = rows.Take(PageSize).ToList();
        var procedures = page.Select(r => r.ProcedureCode).Distinct().ToList();
        var units = page.Select(r => r.HandlingUnitId).Distinct().ToList();
        var steps = await db.ProcessDefinitions.AsNoTracking()
            .Where(p => procedures.Contains(p.Procedure!.Code) && units.Contains(p.UnitId))
            .SelectMany(p => p.Steps, (p, s) => new { Procedure = p.Procedure!.Code, p.UnitId, s.Order, s.Name, Office = s.OfficeUnit != null ? s.OfficeUnit.Name : null })
            .ToListAsync(cancellationToken);
        var unitNames = await db.Units.AsNoTracking().Where(u => units.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var calendarOf = await ListInbox.CalendarsAsync(calendars, page, cancellationToken);
        var running = await ListInbox.ClockRunningAsync(db, page, cancellationToken);
        foreach (var d in page)
        {
            var unit = UnitPath.Code(d.HandlingUnitPath);
            var calendar = calendarOf[unit];
            var step = steps.FirstOrDefault(s => s.Procedure == d.ProcedureCode && s.UnitId == d.HandlingUnitId && s.Order == d.CurrentStep);
            var left = running.Contains(d.Id) ? ProcessingClock.WorkingTimeLeft(calendar, now, d.DueAt!.Value) : (TimeSpan?)null;
            Rows.Add(new Row(d.Id, d.Code!, d.ProcedureCode, d.ProcedureName, d.Owner, localizer["DossierState." + d.State],
                d.CurrentStep is null ? localizer["Workspace.AtDesk"] : step?.Name ?? localizer["Workspace.Step", d.CurrentStep],
                step?.Office ?? unitNames.GetValueOrDefault(d.HandlingUnitId, unit),
                d.TransferUnitPath is not null && !d.TransferAccepted, VietnamTime.FromUtc(d.DueAt!.Value),
                left is { } time ? WorkingTimeText.Left(localizer, time, calendar.Hours.DayLength) : localizer["Inbox.WaitingForApplicant"], left < TimeSpan.Zero));
        }

        Next = rows.Count > PageSize ? ListInbox.NextCursor(page[^1].DueAt!.Value, page[^1].Code!) : null;
        return Page();
    }

    /// <summary>The link to another tab or page with the same filters.</summary>
    public string Link(string tab, string? after = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["box"] = tab,
            ["procedure"] = Procedure,
            ["domain"] = Domain,
            ["state"] = State?.ToString(),
            ["channel"] = Channel?.ToString(),
            ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["after"] = after,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/backoffice/ho-so", query.Where(q => !string.IsNullOrEmpty(q.Value))!);
    }
}
