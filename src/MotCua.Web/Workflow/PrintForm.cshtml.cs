using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Dossiers;
using MotCua.Web.Forms;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Workflow;

/// <summary>A processing form (04, the process control slip, the stop notice) as a printable page, or as a signed PDF with <c>?format=pdf</c>.</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class PrintFormModel(MotCuaDbContext db, CurrentActor actor, ProcessingSlips slips, SlipPdf pdf, Privacy.PersonalDataLog personalData,
    Signatures.UnitSignatures signatures, TimeProvider clock) : PageModel
{
    public Slip? Slip { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string form, string? format)
    {
        var dossier = await Routing.Visible(db.Dossiers.AsNoTracking(), actor).FirstOrDefaultAsync(d => d.Id == id, HttpContext.RequestAborted);
        if (dossier is null || ProcessingSlips.Parse(form) is not { } kind || await slips.BuildAsync(dossier, kind, HttpContext.RequestAborted) is not { } slip)
        {
            return NotFound();
        }

        Slip = slip;
        await personalData.RecordAsync(dossier, Privacy.ReadPlace.Form, HttpContext.RequestAborted);
        if (string.Equals(format, "pdf", StringComparison.OrdinalIgnoreCase))
        {
            Response.Headers.ContentDisposition = $"inline; filename=\"{dossier.Code}-{form}.pdf\"";
            // The PDF is the form as the handling unit issues it electronically: signed with its certificate and recorded.
            return File(await signatures.SignSlipAsync(dossier, dossier.HandlingUnitPath, form, slip, pdf.Render(slip), actor.ActingOn(dossier.HandlingUnitPath),
                DossierTime.ToSecond(clock.GetUtcNow().UtcDateTime), HttpContext.RequestAborted), "application/pdf");
        }

        return Page();
    }
}
