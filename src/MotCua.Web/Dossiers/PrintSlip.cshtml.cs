using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Forms;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Dossiers;

/// <summary>A dossier's intake slip (form 01, 02 or 03) as a printable page, or as a signed PDF with <c>?format=pdf</c>.</summary>
internal sealed class PrintSlipModel(MotCuaDbContext db, CurrentActor actor, DossierSlips slips, SlipPdf pdf, IConfiguration configuration,
    Privacy.PersonalDataLog personalData, Signatures.UnitSignatures signatures, TimeProvider clock) : PageModel
{
    public Slip? Slip { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string form, string? format)
    {
        var dossier = await Routing.Visible(db.Dossiers.AsNoTracking(), actor).FirstOrDefaultAsync(d => d.Id == id, HttpContext.RequestAborted);
        if (dossier is null || DossierSlips.Parse(form) is not { } kind)
        {
            return NotFound();
        }

        Slip = await slips.BuildAsync(dossier, kind, await OfficerAsync(dossier), TrackingUrl(dossier), HttpContext.RequestAborted);
        if (Slip is null)
        {
            return NotFound();
        }

        // Slips 01–03 print the owner's identity number, address and phone.
        await personalData.RecordAsync(dossier, Privacy.ReadPlace.Slip, HttpContext.RequestAborted);
        if (string.Equals(format, "pdf", StringComparison.OrdinalIgnoreCase))
        {
            Response.Headers.ContentDisposition = $"inline; filename=\"{dossier.Code ?? dossier.Id.ToString("N")}-{form}.pdf\"";
            // The PDF is the slip as the receiving unit issues it electronically: signed with its certificate and recorded.
            var who = actor.Covers(dossier.ReceivingUnitPath) ? actor.ActingOn(dossier.ReceivingUnitPath) : actor.Self;
            return File(await signatures.SignSlipAsync(dossier, dossier.ReceivingUnitPath, form, Slip, pdf.Render(Slip), who,
                DossierTime.ToSecond(clock.GetUtcNow().UtcDateTime), HttpContext.RequestAborted), "application/pdf");
        }

        return Page();
    }

    /// <summary>
    /// The officer who received, guided or refused: the first such step in the history; during processing, the officer
    /// who asked for the supplement now awaited.
    /// </summary>
    private async Task<string> OfficerAsync(Dossier dossier)
    {
        var stream = "Dossier:" + dossier.Id;
        if (dossier.State == DossierState.AwaitingSupplement)
        {
            return await db.AuditEvents.AsNoTracking().Where(e => e.StreamId == stream && e.Action == "dossier.supplement-requested")
                .OrderByDescending(e => e.Sequence).Select(e => e.ActorName).FirstOrDefaultAsync(HttpContext.RequestAborted) ?? actor.Name;
        }

        return await db.AuditEvents.AsNoTracking()
            .Where(e => e.StreamId == stream && (e.Action == "dossier.received" || e.Action == "dossier.guided" || e.Action == "dossier.refused" || e.Action == "dossier.completion-requested"))
            .OrderBy(e => e.Sequence).Select(e => e.ActorName).FirstOrDefaultAsync(HttpContext.RequestAborted) ?? actor.Name;
    }

    private string TrackingUrl(Dossier dossier)
    {
        var origin = configuration["MotCua:PublicBaseUrl"] is { Length: > 0 } configured ? configured.TrimEnd('/') : $"{Request.Scheme}://{Request.Host}";
        return $"{origin}/tra-cuu?ma={Uri.EscapeDataString(dossier.Code ?? "")}";
    }
}
