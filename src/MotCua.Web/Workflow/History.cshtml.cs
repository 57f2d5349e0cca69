using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Calendar;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Workflow;

/// <summary>
/// <c>/backoffice/ho-so/{id}/lich-su</c>: the dossier's whole timeline from its history stream (who, role, unit, server
/// time in Vietnam, what, state before and after) and whether that stream's hash chain is intact (DESIGN.md §4.13).
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class HistoryModel(MotCuaDbContext db, CurrentActor actor, IStringLocalizer<HistoryResource> history, IStringLocalizer<SharedResource> shared)
    : PageModel
{
    public sealed record Entry(int Sequence, DateTimeOffset At, string Who, string? Role, string? Unit, string Action, DossierState? From, DossierState? To,
        IReadOnlyList<HistoryChanges.Change> Changes);

    public string Code { get; private set; } = "";
    public Guid Id { get; private set; }
    public List<Entry> Entries { get; } = [];
    public VerifyAuditChain.BrokenRow? Broken { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var dossier = await Routing.Visible(db.Dossiers.AsNoTracking(), actor).Where(d => d.Id == id).Select(d => new { d.Code }).FirstOrDefaultAsync(cancellationToken);
        if (dossier is null)
        {
            return NotFound();
        }

        (Id, Code) = (id, dossier.Code ?? "");
        var stream = await db.AuditEvents.AsNoTracking().Where(e => e.StreamId == "Dossier:" + id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        Broken = VerifyAuditChain.FirstBroken(stream);
        var ids = stream.SelectMany(e => HistoryChanges.AccountIds(e.Before).Concat(HistoryChanges.AccountIds(e.After))).Distinct().ToList();
        var accounts = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, cancellationToken);
        var changes = new HistoryChanges(history, shared);
        DossierState? state = null;
        foreach (var e in stream)
        {
            var to = StateAfter(e.Action) ?? state;
            var who = e.ActorId is null && e.ActorName == Actor.System.Name ? history["Actor.System"].Value : e.ActorName;
            Entries.Add(new Entry(e.Sequence, VietnamTime.FromUtc(e.OccurredAt), who, e.ActorRole, e.ActorUnitCode, e.Action, state, to,
                changes.Describe(e.Before, e.After, accounts)));
            state = to;
        }

        return Page();
    }

    /// <summary>A role or an action in words: staff roles and workflow actions are shared texts, the others (the system, a citizen) the history's own.</summary>
    public string Text(string prefix, string key) =>
        shared[prefix + key] is { ResourceNotFound: false } text ? text.Value : history[prefix + key] is { ResourceNotFound: false } own ? own.Value : key;

    /// <summary>The state an action leaves the dossier in; null for actions that keep it (a hand-off, an assignment, a result file).</summary>
    public static DossierState? StateAfter(string action) => action switch
    {
        "dossier.submitted" or "dossier.resubmitted" => DossierState.Submitted,
        "dossier.received" => DossierState.Received,
        "dossier.guided" => DossierState.Guided,
        "dossier.refused" => DossierState.Refused,
        "dossier.completion-requested" => DossierState.AwaitingCompletion,
        "dossier.processing-started" or "dossier.supplement-received" or "dossier.payment-confirmed" => DossierState.Processing,
        "dossier.payment-requested" => DossierState.AwaitingPayment,
        "dossier.supplement-requested" => DossierState.AwaitingSupplement,
        "dossier.processed" or "dossier.declined" => DossierState.Processed,
        "dossier.returned" => DossierState.Returned,
        "dossier.stopped" => DossierState.Stopped,
        "dossier.withdrawn" => DossierState.Withdrawn,
        _ => null,
    };
}
