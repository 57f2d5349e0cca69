using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MotCua.Web.Audit;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Payments;

/// <summary>/ho-so-cua-toi/{id}/thanh-toan: the owner sees what the dossier owes and has paid, and pays online.</summary>
[Authorize(Policy = Policies.Citizen)]
internal sealed class PayModel(MotCuaDbContext db, CurrentActor actor, PaymentBook book, GatewayClient gateway, IOptions<PaymentOptions> options,
    AuditTrail audit, TimeProvider clock, RuleProblems problems, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public GetDossierPayments.View View { get; private set; } = null!;
    public Guid Id { get; private set; }
    public bool Online => options.Value.Gateway.Enabled;
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        try
        {
            var started = await StartOnlinePayment.Handle(id, HttpContext, db, actor, book, gateway, options, audit, clock, problems, HttpContext.RequestAborted);
            if (started.Result is Ok<StartOnlinePayment.Started> { Value: { } order })
            {
                return Redirect(order.RedirectUrl);
            }

            Error = localizer["Payments.NothingToPay"];
        }
        catch (ProblemException problem) when (problem.Status != StatusCodes.Status404NotFound)
        {
            db.ChangeTracker.Clear();
            Error = localizer[problem.TitleKey];
        }

        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var dossier = await db.Dossiers.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, HttpContext.RequestAborted);
        if (dossier is null || actor.UserId is not { } me || dossier.CitizenAccountId != me)
        {
            return false;
        }

        Id = id;
        if (Online)
        {
            SecurityHeaders.AllowFormTarget(HttpContext, new Uri(options.Value.Gateway.BaseUrl));
        }

        View = await GetDossierPayments.ViewAsync(db, dossier, HttpContext.RequestAborted);
        return true;
    }
}
