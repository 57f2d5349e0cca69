using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Catalog;
using MotCua.Web.Dossiers.Online;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Dossiers.Citizen;

/// <summary>The citizen's e-form for one procedure: competent unit, owner (prefilled from the account), request, files per component.</summary>
[Authorize(Policy = Policies.Citizen)]
[RequestSizeLimit(OnlineUploads.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = OnlineUploads.MaxRequestBytes)]
internal sealed class SubmitModel(MotCuaDbContext db, CurrentActor actor, IProcedureCatalog catalog, SubmitOnline.Handler handler, FileStore store,
    TimeProvider clock, IStringLocalizer<SharedResource> localizer, CitizenIdentity.CitizenProfile profile) : PageModel
{
    public sealed class SubmitForm
    {
        public string? HandlingUnitCode { get; set; }
        public string? Name { get; set; }
        public IdentityDocument IdType { get; set; }
        public string? IdNumber { get; set; }
        public string? Address { get; set; }
        public string? Phone { get; set; }
        public string? Email { get; set; }
        public string? Summary { get; set; }

        /// <summary>Per component index, the earlier document chosen instead of an upload.</summary>
        public Dictionary<int, string> Reuse { get; set; } = [];
    }

    [BindProperty] public SubmitForm Form { get; set; } = new();
    public PinnedVersion Procedure { get; private set; } = null!;
    public List<UnitRef> Providers { get; private set; } = [];

    /// <summary>The person the national identity vouched for: the owner's name and number are theirs and cannot be edited.</summary>
    public CitizenIdentity.CitizenProfile.VerifiedOwner? Verified { get; private set; }

    public List<CitizenIdentity.CitizenProfile.EarlierDocument> EarlierDocuments { get; private set; } = [];
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public long MaxFileMegabytes => store.MaxFileBytes / (1024 * 1024);
    public int MaxFiles => store.MaxFilesPerDossier;

    /// <summary>
    /// Whether a component must be attached. The catalog lists every paper of the procedure; those it names for some cases
    /// only ("(nếu có)", "(trường hợp …)") are optional, and those shown in person ("Xuất trình …") are checked at the desk
    /// or in the national population database, not uploaded.
    /// </summary>
    public static bool IsRequired(string component) =>
        !component.Contains("(nếu", StringComparison.OrdinalIgnoreCase) && !component.Contains("(trường hợp", StringComparison.OrdinalIgnoreCase)
        && !component.StartsWith("Xuất trình", StringComparison.OrdinalIgnoreCase);

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    public async Task<IActionResult> OnGetAsync(string procedureCode)
    {
        if (!await LoadAsync(procedureCode))
        {
            return NotFound();
        }

        // The national identity gives the person; the account gives the contacts; the citizen's last dossier gives what neither holds (the address).
        var citizen = actor.UserId;
        var account = await db.Users.AsNoTracking().Where(u => u.Id == citizen).Select(u => new { u.FullName, u.PhoneNumber, u.Email }).FirstOrDefaultAsync(HttpContext.RequestAborted);
        var last = citizen is { } id ? await profile.LastOwnerAsync(id, HttpContext.RequestAborted) : null;
        Form = new SubmitForm
        {
            Name = Verified?.FullName ?? account?.FullName ?? last?.Name,
            IdType = Verified is null ? last?.IdType ?? default : IdentityDocument.CitizenId,
            IdNumber = Verified?.IdNumber ?? last?.IdNumber,
            Address = last?.Address ?? Verified?.Address,
            Phone = account?.PhoneNumber ?? last?.Phone,
            Email = account?.Email ?? last?.Email,
            HandlingUnitCode = Providers.Count == 1 ? Providers[0].Code : null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string procedureCode)
    {
        try
        {
            var request = new SubmitOnline.Request(procedureCode, string.IsNullOrWhiteSpace(Form.HandlingUnitCode) ? null : Form.HandlingUnitCode, OwnerKind.Citizen,
                new PartyInput(Form.Name, Form.IdType, Form.IdNumber, Form.Address, Form.Phone, Form.Email), Form.Summary,
                Form.Reuse.Where(r => Guid.TryParse(r.Value, out _)).Select(r => new CitizenIdentity.ReuseInput(r.Key, Guid.Parse(r.Value))).ToList());
            var response = await handler.SubmitAsync(request, Request.Form.Files, HttpContext.RequestAborted);
            return Redirect($"/ho-so-cua-toi/{response.Id}?gui=1");
        }
        catch (ProblemException problem) when (problem.Status != StatusCodes.Status404NotFound)
        {
            db.ChangeTracker.Clear();
            Errors = OnlinePages.Errors(localizer, problem, "files");
        }

        return await LoadAsync(procedureCode) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string procedureCode)
    {
        var today = DossierTime.VietnamDate(clock.GetUtcNow().UtcDateTime);
        var pinned = procedureCode.Length > 60 ? null : await catalog.GetVersionValidOnAsync(procedureCode, today, HttpContext.RequestAborted);
        if (pinned is null)
        {
            return false;
        }

        Procedure = pinned;
        Providers = pinned.OnlineMode == OnlineMode.None ? [] : await SubmitOnline.ProvidersAsync(db, pinned.Code, today, HttpContext.RequestAborted);
        if (actor.UserId is { } citizen)
        {
            Verified = await profile.VerifiedAsync(citizen, HttpContext.RequestAborted);
            EarlierDocuments = await profile.DocumentsAsync(citizen, HttpContext.RequestAborted);
        }

        return true;
    }
}
