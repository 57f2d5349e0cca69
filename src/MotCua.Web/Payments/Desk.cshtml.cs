using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;
using MotCua.Web.Workflow;

namespace MotCua.Web.Payments;

/// <summary>/backoffice/ho-so/{id}/thu-phi: the desk charges fees from the schedule, collects them at the counter and cancels or
/// replaces receipts; every action is the API's own handler.</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class DeskModel(MotCuaDbContext db, CurrentActor actor, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public GetDossierPayments.View View { get; private set; } = null!;
    public Guid Id { get; private set; }
    public IReadOnlyList<Catalog.ProcedureFee> Schedule { get; private set; } = [];
    public string? Error { get; private set; }
    public bool Done { get; private set; }

    [BindProperty] public int Version { get; set; }
    [BindProperty] public int? Fee { get; set; }
    [BindProperty] public long? Reduction { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Method { get; set; }
    [BindProperty] public Guid? Receipt { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostAddAsync(Guid id) => RunAsync(id, code => AddCharges.Handle(code, new(Version, [new(Fee, Reduction, Reason)]),
        Service<DossierSteps>(), db, Service<DossierCommit>(), localizer, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostCollectAsync(Guid id) => RunAsync(id, code => CollectAtCounter.Handle(code, new(Version, Method), Service<DossierSteps>(),
        Service<PaymentBook>(), db, localizer, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostCancelAsync(Guid id, bool replace) => RunAsync(id, async _ => (IResult)await CancelReceipt.Handle(Receipt ?? Guid.Empty,
        new(Reason, replace), db, actor, Service<ReceiptIssuer>(), Service<Audit.AuditTrail>(), Service<TimeProvider>(), localizer, HttpContext.RequestAborted));

    private T Service<T>()
        where T : notnull => HttpContext.RequestServices.GetRequiredService<T>();

    private async Task<IActionResult> RunAsync<TResult>(Guid id, Func<string, Task<TResult>> action)
    {
        var code = await db.Dossiers.AsNoTracking().Where(d => d.Id == id).Select(d => d.Code).FirstOrDefaultAsync(HttpContext.RequestAborted);
        if (code is null)
        {
            return NotFound();
        }

        try
        {
            var result = await action(code);
            if (result is INestedHttpResult { Result: IValueHttpResult { Value: Microsoft.AspNetCore.Mvc.ProblemDetails refused } })
            {
                Error = refused.Title;
            }
            else
            {
                Done = true;
            }
        }
        catch (ProblemException problem) when (problem.Status != StatusCodes.Status404NotFound)
        {
            Error = problem.Errors is { Count: > 0 } errors ? string.Join(" ", errors.SelectMany(e => e.Value)) : localizer[problem.TitleKey, problem.TitleArguments];
        }
        catch (DbUpdateConcurrencyException)
        {
            Error = localizer["Problem.ConcurrentChange"];
        }

        db.ChangeTracker.Clear();
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var dossier = await db.Dossiers.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, HttpContext.RequestAborted);
        if (dossier?.Code is null || !Routing.Visible(dossier, actor))
        {
            return false;
        }

        Id = id;
        View = await GetDossierPayments.ViewAsync(db, dossier, HttpContext.RequestAborted);
        Schedule = await db.Set<Catalog.ProcedureFee>().AsNoTracking().Where(f => f.VersionId == dossier.ProcedureVersionId).OrderBy(f => f.Id)
            .ToListAsync(HttpContext.RequestAborted);
        return true;
    }
}
