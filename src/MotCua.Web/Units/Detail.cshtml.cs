using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Units;

/// <summary>One unit: details, children, predecessors, history; edit and a link to reorganise for its administrators.</summary>
[RequiresRecentAuthentication]
internal sealed class DetailModel(MotCuaDbContext db, CurrentActor actor, AuditTrail audit, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    public GetUnit.Response? Unit { get; private set; }
    public bool CanAdminister { get; private set; }
    public string? Message { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostSaveAsync(string? name, DateOnly? validTo, int? version)
    {
        await LoadAsync();
        var u = Unit!.Unit;
        await RunAsync(() => SaveUnit.Update(Code, new SaveUnit.Request(Code, name, u.Kind, u.Level, u.ParentCode, u.ValidFrom, validTo, version),
            db, actor, audit, localizer, HttpContext.RequestAborted));
        return Page();
    }

    public async Task<IActionResult> OnPostCreateChildAsync(string? childCode, string? childName, UnitKind? childKind, DateOnly? childValidFrom)
    {
        await RunAsync(() => SaveUnit.Create(new SaveUnit.Request(childCode, childName, childKind, null, Code, childValidFrom, null, null),
            db, actor, audit, localizer, HttpContext.RequestAborted));
        return Page();
    }

    private async Task RunAsync<T>(Func<Task<T>> action)
    {
        if (await PageActions.RunAsync(action, Errors, localizer) is null)
        {
            Message = localizer["Common.Saved"];
        }

        db.ChangeTracker.Clear();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        Unit = await GetUnit.LoadAsync(Code, db, actor, HttpContext.RequestAborted);
        var path = await db.Units.Where(u => u.Code == Code).Select(u => u.Path).FirstAsync(HttpContext.RequestAborted);
        CanAdminister = actor.Covers(path, StaffRole.UnitAdmin);
    }
}
