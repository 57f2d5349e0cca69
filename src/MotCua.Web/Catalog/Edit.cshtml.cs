using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Catalog;

/// <summary>Edits every field of a draft (components, times, fees, form files); shows other versions read-only.</summary>
[RequestSizeLimit(UploadForm.MaxBytes)]
[RequiresRecentAuthentication]
internal sealed class EditModel(MotCuaDbContext db, CurrentActor actor, AuditTrail audit, TimeProvider clock, IStringLocalizer<CatalogResource> localizer) : PageModel
{
    public sealed class TimeRow
    {
        public string? Channel { get; set; }
        public int? Amount { get; set; }
        public string? Unit { get; set; }
        public string? Cutoff { get; set; }
    }

    public sealed class FeeRow
    {
        public string? Kind { get; set; }
        public string? Name { get; set; }
        public long? Amount { get; set; }
        public string? Exemptions { get; set; }
    }

    public sealed class ComponentRow
    {
        public string? Name { get; set; }
        public int? Originals { get; set; }
        public int? CertifiedCopies { get; set; }
        public int? Copies { get; set; }
        public string? FormFileName { get; set; }
    }

    public sealed class DraftForm
    {
        public string? Name { get; set; }
        public string? Level { get; set; }
        public string? DomainCode { get; set; }
        public string? Agency { get; set; }
        public string? Steps { get; set; }
        public string? Result { get; set; }
        public string? Requirements { get; set; }
        public string? LegalBasis { get; set; }
        public string? OnlineMode { get; set; }
        public bool PostalIntake { get; set; }
        public bool PostalReturn { get; set; }
        public string? SupplementRule { get; set; }
        public bool PaymentTimeCounts { get; set; }
        public List<TimeRow> Times { get; set; } = [];
        public List<FeeRow> Fees { get; set; } = [];
        public List<ComponentRow> Components { get; set; } = [];

        public ProcedureData ToData() => new(null, Name, Level, new DomainData(DomainCode, null), Agency, Steps, Result, Requirements,
            (LegalBasis ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), OnlineMode, null, PostalIntake, PostalReturn,
            Times.Where(t => t.Amount is not null || !string.IsNullOrWhiteSpace(t.Unit)).Select(t => new TimeData(t.Channel, t.Amount, t.Unit, t.Cutoff)).ToList(),
            Fees.Where(f => !string.IsNullOrWhiteSpace(f.Name)).Select(f => new FeeData(f.Kind, f.Name, f.Amount, f.Exemptions)).ToList(),
            Components.Where(c => !string.IsNullOrWhiteSpace(c.Name)).Select(c => new ComponentData(c.Name, c.Originals, c.CertifiedCopies, c.Copies, null)).ToList(),
            SupplementRule, PaymentTimeCounts);
    }

    [BindProperty] public DraftForm Form { get; set; } = new();
    [BindProperty] public int Order { get; set; }
    public string Code { get; private set; } = "";
    public int Number { get; private set; }
    public VersionStatus Status { get; private set; }
    public bool CanEdit { get; private set; }
    public List<SaveDomain.Item> Domains { get; private set; } = [];
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, int number)
    {
        await LoadAsync(code, number, fillForm: true);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, int number)
    {
        try
        {
            await SaveDraft.Handle(code, number, Form.ToData(), db, actor, audit, localizer, HttpContext.RequestAborted);
            Done = localizer["Catalog.DraftSaved"];
            await LoadAsync(code, number, fillForm: true);
        }
        catch (ProblemException problem) when (problem.Status != StatusCodes.Status404NotFound)
        {
            db.ChangeTracker.Clear();
            Errors = problem.Errors ?? new Dictionary<string, string[]> { ["—"] = [CatalogProblems.Describe(localizer, problem) ?? localizer["Catalog.Refused"]] };
            await LoadAsync(code, number, fillForm: false);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(string code, int number, IFormFile? file)
    {
        try
        {
            await UploadForm.Handle(code, number, Order, file, db, actor, audit, clock, localizer, HttpContext.RequestAborted);
            Done = localizer["Catalog.FormAttached"];
        }
        catch (ProblemException problem) when (problem.Status != StatusCodes.Status404NotFound)
        {
            db.ChangeTracker.Clear();
            Errors = problem.Errors ?? new Dictionary<string, string[]> { ["—"] = [CatalogProblems.Describe(localizer, problem) ?? localizer["Catalog.Refused"]] };
        }

        await LoadAsync(code, number, fillForm: true);
        return Page();
    }

    private async Task LoadAsync(string code, int number, bool fillForm)
    {
        var procedure = await CatalogQueries.LoadAsync(db, code, HttpContext.RequestAborted);
        var version = CatalogQueries.Version(procedure, number);
        var forms = await db.ProcedureComponents.AsNoTracking().Where(c => c.VersionId == version.Id && c.FormTemplateId != null)
            .Select(c => new { c.Order, c.FormTemplate!.FileName }).ToDictionaryAsync(c => c.Order, c => c.FileName, HttpContext.RequestAborted);
        Code = code;
        Number = number;
        Status = version.Status;
        CanEdit = version.Status == VersionStatus.Draft && actor.Covers(procedure.OwnerUnit!.Path, StaffRole.UnitAdmin);
        Domains = (await SaveDomain.List(db, HttpContext.RequestAborted)).Value!;
        if (fillForm)
        {
            ModelState.Clear();
            Form = new DraftForm
            {
                Name = version.Name,
                Level = version.Level.ToString(),
                DomainCode = version.Domain!.Code,
                Agency = version.Agency,
                Steps = version.Steps,
                Result = version.Result,
                Requirements = version.Requirements,
                LegalBasis = version.LegalBasis,
                OnlineMode = version.OnlineMode.ToString(),
                PostalIntake = version.PostalIntake,
                PostalReturn = version.PostalReturn,
                SupplementRule = version.SupplementRule.ToString(),
                PaymentTimeCounts = version.PaymentTimeCounts,
                Times = version.Times.OrderBy(t => t.Channel).Select(t => new TimeRow
                {
                    Channel = t.Channel.ToString(),
                    Amount = t.Amount,
                    Unit = t.Unit.ToString(),
                    Cutoff = t.SameDayCutoff?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                }).ToList(),
                Fees = version.Fees.Select(f => new FeeRow { Kind = f.Kind.ToString(), Name = f.Name, Amount = f.Amount, Exemptions = f.Exemptions }).ToList(),
                Components = version.Components.OrderBy(c => c.Order).Select(c => new ComponentRow
                {
                    Name = c.Name,
                    Originals = c.Originals,
                    CertifiedCopies = c.CertifiedCopies,
                    Copies = c.Copies,
                    FormFileName = forms.GetValueOrDefault(c.Order),
                }).ToList(),
            };
        }

        // Blank rows to add a channel, a fee or a component.
        if (CanEdit)
        {
            Form.Times.Add(new TimeRow());
            Form.Fees.Add(new FeeRow());
            Form.Components.Add(new ComponentRow());
        }
    }
}
