using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Catalog;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Dossiers;

/// <summary>
/// The reception desk: pick a published procedure, type the owner, tick the documents handed in, attach
/// the scans, then receive (form 01), guide to complete (form 02) or refuse (form 03).
/// </summary>
[Authorize(Policy = Policies.Staff)]
[RequestSizeLimit(60 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 60 * 1024 * 1024)]
internal sealed class CounterModel(MotCuaDbContext db, CurrentActor actor, IProcedureCatalog catalog, ReceiveDossier.Handler intake, DeclineDossier decline, FileStore files, TimeProvider clock,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer)
    : PageModel
{
    public sealed record Choice(string Code, string Name);

    public sealed class Line
    {
        public string Name { get; set; } = "";
        public bool Included { get; set; }
        public int Originals { get; set; }
        public int CertifiedCopies { get; set; }
        public int Copies { get; set; }
    }

    [BindProperty(SupportsGet = true)] public string? Procedure { get; set; }
    [BindProperty] public Channel Channel { get; set; } = Channel.Counter;
    [BindProperty] public OwnerKind OwnerKind { get; set; } = OwnerKind.Citizen;
    [BindProperty] public PartyInput Owner { get; set; } = new(null, IdentityDocument.CitizenId, null, null, null, null);
    [BindProperty] public string? SubmitterName { get; set; }
    [BindProperty] public string? SubmitterIdNumber { get; set; }
    [BindProperty] public string? SubmitterPhone { get; set; }
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public int Sets { get; set; } = 1;
    [BindProperty] public List<Line> Lines { get; set; } = [];
    [BindProperty] public string? Waybill { get; set; }
    [BindProperty] public bool ReturnByPost { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public List<IFormFile> Scans { get; set; } = [];

    public List<Choice> Procedures { get; private set; } = [];
    public PinnedVersion? Pinned { get; private set; }
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!actor.Roles.Any(r => r.Role == StaffRole.DeskOfficer))
        {
            return Forbid();
        }

        await LoadAsync(fillLines: true);
        return Page();
    }

    public Task<IActionResult> OnPostReceiveAsync() => ActAsync(async request =>
    {
        var stored = new List<DossierFile>();
        try
        {
            foreach (var scan in Scans.Take(files.MaxFilesPerDossier))
            {
                stored.Add(await files.SaveAsync(scan, DossierFileKind.Submission, HttpContext.RequestAborted));
            }

            var (response, _) = await intake.ReceiveAsync(request, stored, null, HttpContext.RequestAborted);
            return RedirectToPage("/Dossiers/PrintSlip", new { id = response.Id, form = DossierSlips.Route(SlipKind.Receipt) });
        }
        catch
        {
            // Nothing half-written: scans of a dossier that was not saved are removed.
            stored.ForEach(files.Discard);
            throw;
        }
    });

    public Task<IActionResult> OnPostGuideAsync() => ActAsync(async request =>
    {
        var dossier = await decline.DeclineAsync(request, refuse: false, Reason, HttpContext.RequestAborted);
        return RedirectToPage("/Dossiers/PrintSlip", new { id = dossier.Id, form = DossierSlips.Route(SlipKind.Guidance) });
    });

    public Task<IActionResult> OnPostRefuseAsync() => ActAsync(async request =>
    {
        var dossier = await decline.DeclineAsync(request, refuse: true, Reason, HttpContext.RequestAborted);
        return RedirectToPage("/Dossiers/PrintSlip", new { id = dossier.Id, form = DossierSlips.Route(SlipKind.Refusal) });
    });

    private async Task<IActionResult> ActAsync(Func<ReceiveDossier.Request, Task<IActionResult>> action)
    {
        var submitter = string.IsNullOrWhiteSpace(SubmitterName) ? null
            : new PartyInput(SubmitterName, IdentityDocument.CitizenId, SubmitterIdNumber, Owner.Address, SubmitterPhone, null);
        var request = new ReceiveDossier.Request(Procedure, Channel, OwnerKind, Owner, submitter, Summary, Sets,
            Lines.Where(l => l.Included).Select(l => new ComponentInput(l.Name, l.Originals, l.CertifiedCopies, l.Copies)).ToList(),
            null, null, Channel == Channel.Postal ? new ReceiveDossier.PostalInput(Waybill, null, ReturnByPost) : null);
        try
        {
            return await action(request);
        }
        catch (ProblemException problem)
        {
            Errors = problem.Errors ?? new Dictionary<string, string[]> { [""] = [localizer[problem.TitleKey]] };
            await LoadAsync(fillLines: Lines.Count == 0);
            return Page();
        }
    }

    private async Task LoadAsync(bool fillLines)
    {
        var today = DossierTime.VietnamDate(clock.GetUtcNow().UtcDateTime);
        Procedures = await CatalogQueries.ValidOn(db.ProcedureVersions.AsNoTracking(), today)
            .OrderBy(v => v.Name)
            .Select(v => new Choice(v.Procedure!.Code, v.Name))
            .ToListAsync(HttpContext.RequestAborted);
        Pinned = string.IsNullOrWhiteSpace(Procedure) ? null : await catalog.GetVersionValidOnAsync(Procedure, today, HttpContext.RequestAborted);
        if (Pinned is not null && fillLines)
        {
            Lines = Pinned.Components.Select(c => new Line { Name = c.Name, Included = true, Originals = c.Originals, CertifiedCopies = c.CertifiedCopies, Copies = c.Copies }).ToList();
        }
    }
}
