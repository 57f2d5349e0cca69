using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Identity;

/// <summary>Unit administrators manage the staff accounts of their units: create with a role, disable.</summary>
[Authorize(Policy = Policies.UnitAdmin)]
[RequiresRecentAuthentication]
internal sealed class StaffModel(MotCuaDbContext db, CurrentActor actor, UserManager<AppUser> users, AuditTrail audit, TimeProvider clock,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public List<ListStaffAccounts.Item> Accounts { get; private set; } = [];
    public string? Message { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task OnGetAsync() => Accounts = await ListStaffAccounts.QueryAsync(db, actor, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostCreateAsync(string? userName, string? fullName, string? email, string? password, StaffRole role, string? unitCode)
    {
        var request = new CreateStaffAccount.Request(userName, fullName, string.IsNullOrWhiteSpace(email) ? null : email, password,
            [new CreateStaffAccount.RoleRequest(role, unitCode)]);
        await RunAsync(() => CreateStaffAccount.Handle(request, users, db, actor, audit, clock, localizer, HttpContext.RequestAborted));
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(Guid id)
    {
        await RunAsync(() => DisableAccount.Handle(id, db, actor, audit, clock, HttpContext.RequestAborted));
        return Page();
    }

    private async Task RunAsync<T>(Func<Task<T>> action)
    {
        if (await PageActions.RunAsync(action, Errors, localizer) is null)
        {
            Message = localizer["Common.Saved"];
        }

        db.ChangeTracker.Clear();
        await OnGetAsync();
    }
}
