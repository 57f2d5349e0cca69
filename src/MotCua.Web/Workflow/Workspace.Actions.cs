using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Calendar;
using MotCua.Web.Dossiers;
using MotCua.Web.Dossiers.Online;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Workflow;

/// <summary>The workspace's actions: each posts the version the officer saw and calls the API's handler.</summary>
internal sealed partial class WorkspaceModel
{
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Assignee { get; set; }
    [BindProperty] public int? ToStep { get; set; }
    [BindProperty] public DateTime? NewDue { get; set; }
    [BindProperty] public string? Method { get; set; }
    [BindProperty] public long? Amount { get; set; }
    [BindProperty] public string? Purpose { get; set; }
    [BindProperty] public string? Receipt { get; set; }
    [BindProperty] public List<IFormFile> Files { get; set; } = [];

    private CancellationToken Aborted => HttpContext.RequestAborted;

    private IStringLocalizer<SharedResource> L => localizer;

    public Task<IActionResult> OnPostStartAsync(Guid id) =>
        RunAsync(id, "start", code => StartProcessing.Handle(code, new(Version, Note), steps, Aborted));

    public Task<IActionResult> OnPostForwardAsync(Guid id) =>
        RunAsync(id, "forward", code => ForwardDossier.Handle(code, new(Version, Blank(Assignee), Note), steps, Service<Signatures.UnitSignatures>(),
            Aborted));

    public Task<IActionResult> OnPostSendBackAsync(Guid id) =>
        RunAsync(id, "send-back", code => SendBackDossier.Handle(code, new(Version, ToStep, Reason), steps, L, Aborted));

    public Task<IActionResult> OnPostAssignAsync(Guid id) =>
        RunAsync(id, "assign", code => AssignDossier.Handle(code, new(Version, Assignee), steps, Aborted));

    public Task<IActionResult> OnPostAcceptTransferAsync(Guid id) =>
        RunAsync(id, "transfer-accept", code => AnswerTransfer.Accept(code, new(Version, Blank(Note)), steps, Aborted));

    public Task<IActionResult> OnPostRejectTransferAsync(Guid id) =>
        RunAsync(id, "transfer-reject", code => AnswerTransfer.Reject(code, new(Version, Reason), steps, L, Aborted));

    public Task<IActionResult> OnPostSupplementRequestAsync(Guid id) =>
        RunAsync(id, "supplement-request", code => RequestSupplement.Handle(code, new(Version, Reason), steps, Service<WorkflowNotices>(), L,
            Aborted));

    public Task<IActionResult> OnPostSupplementReceivedAsync(Guid id) =>
        RunAsync(id, "supplement-received", code => ReceiveSupplement.Handle(code, new(Version), steps, Service<WorkflowNotices>(), Aborted));

    public Task<IActionResult> OnPostPaymentRequestAsync(Guid id) =>
        RunAsync(id, "payment-request", code => FinancialObligation.Request(code, new(Version, Amount, Purpose), steps, Service<WorkflowNotices>(), Service<MotCuaDbContext>(), L,
            Aborted));

    public Task<IActionResult> OnPostPaymentConfirmedAsync(Guid id) =>
        RunAsync(id, "payment-confirmed", code => FinancialObligation.Confirm(code, new(Version, Receipt), steps, Service<WorkflowNotices>(), Service<Payments.PaymentBook>(), L, Aborted));

    // The officer types a Vietnamese wall-clock time; the API takes a moment with its offset.
    public Task<IActionResult> OnPostExtendAsync(Guid id) =>
        RunAsync(id, "extend", code => ExtendDueDate.Handle(code, new(Version, NewDue is { } due ? VietnamTime.FromLocal(due) : null, Reason), steps,
            Service<WorkflowNotices>(), L, Aborted));

    public Task<IActionResult> OnPostDeclineAsync(Guid id) =>
        RunAsync(id, "decline", code => EndDossier.Decline(code, new(Version, Reason), steps, Service<WorkflowNotices>(), L, Aborted));

    public Task<IActionResult> OnPostStopAsync(Guid id) =>
        RunAsync(id, "stop", code => EndDossier.Stop(code, new(Version, Reason), steps, Service<WorkflowNotices>(), L, Aborted));

    public Task<IActionResult> OnPostWithdrawAsync(Guid id) =>
        RunAsync(id, "withdraw", code => EndDossier.Withdraw(code, new(Version, Reason), steps, Service<WorkflowNotices>(), L, Aborted));

    public Task<IActionResult> OnPostResultsAsync(Guid id) =>
        RunAsync(id, "results", code => Service<AttachResults.Handler>().AttachAsync(code, Version, Files, Aborted));

    public Task<IActionResult> OnPostReturnAsync(Guid id) =>
        RunAsync(id, "return", code => ReturnDossierResult.Handle(code, new(Version, Method), steps, Service<WorkflowNotices>(), L, Aborted));

    private T Service<T>()
        where T : notnull => services.GetRequiredService<T>();

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private async Task<IActionResult> RunAsync<TResult>(Guid id, string action, Func<string, Task<TResult>> act)
        where TResult : INestedHttpResult
    {
        var code = await db.Dossiers.AsNoTracking().Where(d => d.Id == id).Select(d => d.Code).FirstOrDefaultAsync(Aborted);
        if (code is null)
        {
            return NotFound();
        }

        try
        {
            // The dossier's refusal comes back as the handler's 409 ProblemDetails, not as an exception.
            if ((await act(code)).Result is not IValueHttpResult { Value: ProblemDetails refused })
            {
                // A specialist of an office who hands the dossier on no longer sees it: her inbox confirms the step instead.
                var dossier = await db.Dossiers.AsNoTracking().FirstAsync(d => d.Id == id, Aborted);
                return Redirect(Routing.Visible(dossier, actor) ? $"/backoffice/ho-so/{id}?done={action}" : $"/backoffice/ho-so?done={action}&ma={code}");
            }

            Errors = OnlinePages.Errors(refused);
            Response.StatusCode = refused.Status ?? StatusCodes.Status409Conflict;
        }
        catch (ProblemException problem) when (problem.Status != 404)
        {
            Stale = problem.Code == "concurrent-change";
            Errors = OnlinePages.Errors(localizer, problem);
            Response.StatusCode = problem.Status;
        }
        catch (DbUpdateConcurrencyException)
        {
            Stale = true;
            Errors = new Dictionary<string, string[]> { ["—"] = [localizer["Problem.ConcurrentChange"]] };
            Response.StatusCode = StatusCodes.Status409Conflict;
        }

        // The failed change must not leak into the page drawn from the database.
        db.ChangeTracker.Clear();
        return await LoadAsync(id) ? Page() : NotFound();
    }
}
