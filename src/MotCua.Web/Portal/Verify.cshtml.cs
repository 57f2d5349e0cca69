using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using MotCua.Web.Platform.Http;
using MotCua.Web.Signatures;

namespace MotCua.Web.Portal;

/// <summary>Public verification of a signed document: the QR code on it opens <c>/xac-thuc/{record}</c>; anyone can upload the PDF they hold.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Tracking)]
[RequestSizeLimit(VerifyDocument.MaxBytes + 64 * 1024)]
internal sealed class VerifyModel(VerifyDocument.Checker checker, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    public VerifyDocument.Record? Record { get; private set; }
    public VerifyDocument.Response? Result { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync() => Record = Id is { } id ? await checker.RecordAsync(id, HttpContext.RequestAborted) : null;

    public async Task OnPostAsync()
    {
        await OnGetAsync();
        if (Upload is null)
        {
            Error = localizer["Signatures.NotAPdf"];
            return;
        }

        try
        {
            Result = await checker.CheckAsync(Upload, Id, HttpContext.RequestAborted);
        }
        catch (ProblemException problem)
        {
            Error = localizer[problem.TitleKey];
        }
    }
}
