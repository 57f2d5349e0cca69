using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
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
internal sealed class HistoryModel(MotCuaDbContext db, CurrentActor actor) : PageModel
{
    public sealed record Entry(int Sequence, DateTimeOffset At, string Who, string? Role, string? Unit, string Action, DossierState? From, DossierState? To,
        string? Details);

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
        DossierState? state = null;
        foreach (var e in stream)
        {
            var to = StateAfter(e.Action) ?? state;
            Entries.Add(new Entry(e.Sequence, VietnamTime.FromUtc(e.OccurredAt), e.ActorName, e.ActorRole, e.ActorUnitCode, e.Action, state, to, e.After));
            state = to;
        }

        return Page();
    }

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
