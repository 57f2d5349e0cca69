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

/// <summary>Edits the internal process of a procedure in one unit: ordered steps, office, role, hours, inter-agency.</summary>
[RequiresRecentAuthentication]
internal sealed class ProcessModel(MotCuaDbContext db, CurrentActor actor, AuditTrail audit, TimeProvider clock, IStringLocalizer<CatalogResource> localizer) : PageModel
{
    public sealed class StepRow
    {
        public string? Name { get; set; }
        public string? OfficeCode { get; set; }
        public string? Role { get; set; }
        /// <summary>Text, read with the invariant culture: a number input posts "1.5", which vi-VN would read as 15.</summary>
        public string? Hours { get; set; }
        public bool InterAgency { get; set; }
        public string? Agency { get; set; }
    }

    [BindProperty] public List<StepRow> Steps { get; set; } = [];
    [BindProperty] public int Version { get; set; }
    public SaveProcess.Response Process { get; private set; } = null!;
    public List<(string Code, string Name)> Offices { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, string unitCode)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == unitCode, HttpContext.RequestAborted);
        if (unit is null || !actor.Covers(unit.Path))
        {
            return NotFound();
        }

        CanEdit = actor.Covers(unit.Path, StaffRole.UnitAdmin);
        Process = await SaveProcess.LoadAsync(db, code, unitCode, clock, HttpContext.RequestAborted);
        Offices = (await db.Units.AsNoTracking().Where(u => u.Path.StartsWith(unit.Path)).OrderBy(u => u.Path).Select(u => new { u.Code, u.Name }).ToListAsync(HttpContext.RequestAborted))
            .Select(u => (u.Code, u.Name)).ToList();
        if (Errors.Count == 0)
        {
            ModelState.Clear();
            Version = Process.Version;
            Steps = Process.Steps.Select(s => new StepRow { Name = s.Name, OfficeCode = s.OfficeCode, Role = s.Role.ToString(), Hours = s.Hours.ToString(System.Globalization.CultureInfo.InvariantCulture), InterAgency = s.InterAgency, Agency = s.Agency }).ToList();
        }

        if (CanEdit)
        {
            Steps.Add(new StepRow());
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, string unitCode)
    {
        var request = new SaveProcess.Request(
            Steps.Where(s => !string.IsNullOrWhiteSpace(s.Name)).Select(s => new SaveProcess.StepData(s.Name, s.OfficeCode, s.Role, ParseHours(s.Hours), s.InterAgency, s.Agency)).ToList(),
            Version);
        try
        {
            await SaveProcess.Put(code, unitCode, request, db, actor, audit, clock, localizer, HttpContext.RequestAborted);
            Done = localizer["Catalog.ProcessSaved"];
        }
        catch (ProblemException problem) when (problem.Status != StatusCodes.Status404NotFound)
        {
            db.ChangeTracker.Clear();
            if (problem.Status == StatusCodes.Status403Forbidden)
            {
                return Forbid();
            }

            Errors = problem.Errors ?? new Dictionary<string, string[]> { ["—"] = [CatalogProblems.Describe(localizer, problem) ?? localizer["Catalog.Refused"]] };
        }

        return await OnGetAsync(code, unitCode);
    }

    private static decimal? ParseHours(string? text) =>
        decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var hours) ? hours : null;
}
