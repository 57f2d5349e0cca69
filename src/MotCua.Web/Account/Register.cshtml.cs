using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Account;

[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RateLimits.SignIn)]
internal sealed class RegisterModel(UserManager<AppUser> users, MotCuaDbContext db, AuditTrail audit, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
    : PageModel
{
    [BindProperty] public string? PhoneOrEmail { get; set; }
    [BindProperty] public string? FullName { get; set; }
    [BindProperty] public string? Password { get; set; }
    public bool Done { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            await RegisterCitizen.CreateAsync(new RegisterCitizen.Request(PhoneOrEmail, FullName, Password), users, db, audit, clock, localizer, HttpContext.RequestAborted);
            Done = true;
        }
        catch (ProblemException problem) when (problem.Errors is not null)
        {
            Errors.AddRange(problem.Errors.SelectMany(e => e.Value));
        }

        return Page();
    }
}
