using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MotCua.Web.Dossiers.Online;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;
using MotCua.Web.Reporting.Outputs;

namespace MotCua.Web.Privacy;

/// <summary>The back office's report of staff reads of personal data (<see cref="ListPersonalDataReads"/>), with its CSV.</summary>
[Authorize(Policy = Policies.Supervisor)]
internal sealed class ReadsModel(MotCuaDbContext db, CurrentActor actor, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? UserName { get; set; }
    [BindProperty(SupportsGet = true)] public string? DossierCode { get; set; }
    public ListPersonalDataReads.Response? Report { get; private set; }
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task OnGetAsync()
    {
        // By default the last three days: the window of a breach notice.
        var today = Dossiers.DossierTime.VietnamDate(clock.GetUtcNow().UtcDateTime);
        From ??= today.AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        To ??= today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            var query = ListPersonalDataReads.Check(localizer, OutputSelection.ParseDate(From), OutputSelection.ParseDate(To), UserName, DossierCode);
            Report = await ListPersonalDataReads.LoadAsync(db, actor, query, HttpContext.RequestAborted);
        }
        catch (ProblemException problem) when (problem.Status == StatusCodes.Status400BadRequest)
        {
            Errors = OnlinePages.Errors(localizer, problem);
        }
    }

    /// <summary>The CSV of the same selection.</summary>
    public string CsvUrl => "/api/v1/personal-data/reads.csv" + QueryString.Create(new Dictionary<string, string?>
    {
        ["from"] = From,
        ["to"] = To,
        ["userName"] = UserName,
        ["dossierCode"] = DossierCode,
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
}
