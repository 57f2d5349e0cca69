using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Calendar;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Units;

namespace MotCua.Web.Workflow;

/// <summary>
/// The dossier workspace (<c>/backoffice/ho-so/{id}</c>): its facts, files, step, assignee, transfer and deadlines, and
/// only the actions its state and the officer's roles allow. Each action calls the workflow API's own handler, so
/// the page and the API share every rule; a stale <c>version</c> shows the concurrent-change message.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed partial class WorkspaceModel(MotCuaDbContext db, CurrentActor actor, DossierSteps steps, IServiceProvider services,
    IStringLocalizer<SharedResource> localizer, Privacy.PersonalDataLog personalData) : PageModel
{
    public sealed record Person(string UserName, string FullName);

    public Dossier Dossier { get; private set; } = null!;
    public IReadOnlyList<StepInfo> Process { get; private set; } = [];
    public StepInfo? Current { get; private set; }
    public StepInfo? NextStep { get; private set; }
    public string? AssigneeName { get; private set; }
    public string HandlingUnitName { get; private set; } = "";
    public string ReceivingUnitName { get; private set; } = "";
    public List<Person> NextPeople { get; private set; } = [];
    public List<Person> StepPeople { get; private set; } = [];
    public string? Done { get; private set; }
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public bool Stale { get; private set; }

    public bool IsDesk => actor.Covers(Dossier.ReceivingUnitPath, StaffRole.DeskOfficer);
    public bool IsLeader => actor.Covers(Dossier.HandlingUnitPath, StaffRole.Leader);

    /// <summary>Holds the current step: its role in its office, and its assignee when it has one.</summary>
    public bool HoldsStep => Current is { } step && actor.Covers(step.OfficePath, step.Role)
        && (Dossier.AssigneeId is null || Dossier.AssigneeId == actor.UserId || actor.IsSystemAdmin);

    public bool IsHolder => Dossier.State == DossierState.Processing && HoldsStep;

    public bool CanStart => Dossier.State == DossierState.Received && IsDesk;
    public bool CanForward => IsHolder && !Dossier.TransferPending;
    public bool CanSendBack => CanForward && Process.Any(s => s.Order < Current!.Order);
    public bool CanAnswerTransfer => IsHolder && Dossier.TransferPending;
    public bool CanAssign => Dossier.State == DossierState.Processing && Current is { } step && !Dossier.TransferPending
        && (actor.Covers(step.OfficePath, StaffRole.Leader) || (Dossier.AssigneeId is null && actor.Covers(step.OfficePath, step.Role)));
    public bool CanRequestSupplement => CanForward;
    public bool CanReceiveSupplement => Dossier.State == DossierState.AwaitingSupplement && IsDesk;
    public bool CanExtend => Dossier.State is DossierState.Received or DossierState.Processing && Dossier.ExtendedAt is null && IsLeader;
    public bool CanRequestPayment => CanForward;

    /// <summary>The desk collects fees; the office that asked may also record a payment it was told of.</summary>
    public bool CanConfirmPayment => Dossier.State == DossierState.AwaitingPayment && (IsDesk || HoldsStep);

    public bool CanDecline => Dossier.State is DossierState.Received or DossierState.Processing or DossierState.AwaitingSupplement or DossierState.AwaitingPayment
        && IsLeader;
    public bool CanStop => Dossier.IsUndecided(Dossier.State) && (IsLeader || IsDesk);
    public bool CanAttach => Dossier.State is DossierState.Processing or DossierState.Processed
        && services.GetRequiredService<AttachResults.Handler>().Attacher(Dossier, Process) is not null;
    public bool CanReturn => Dossier.State == DossierState.Processed && IsDesk;

    public async Task<IActionResult> OnGetAsync(Guid id, string? done)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        // The one page that shows the owner's identity and phone whole: the read is logged (Law 91/2025/QH15).
        await personalData.RecordAsync(Dossier, Privacy.ReadPlace.Workspace, HttpContext.RequestAborted);
        Done = done is { Length: < 40 } && localizer["Workspace.Done." + done] is { ResourceNotFound: false } text ? text.Value : null;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var dossier = await db.Dossiers.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && d.Code != null, cancellationToken);
        if (dossier is null || !Routing.Visible(dossier, actor))
        {
            return false;
        }

        Dossier = dossier;
        Process = await steps.StepsAsync(dossier, cancellationToken);
        Current = Process.FirstOrDefault(s => s.Order == dossier.CurrentStep);
        NextStep = Current is null ? null : Process.FirstOrDefault(s => s.Order > Current.Order);
        AssigneeName = dossier.AssigneeId is { } assignee
            ? await db.Users.AsNoTracking().Where(u => u.Id == assignee).Select(u => u.FullName).FirstOrDefaultAsync(cancellationToken)
            : null;
        var units = await db.Units.AsNoTracking().Where(u => u.Id == dossier.HandlingUnitId || u.Id == dossier.ReceivingUnitId)
            .ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        HandlingUnitName = units.GetValueOrDefault(dossier.HandlingUnitId, UnitPath.Code(dossier.HandlingUnitPath));
        ReceivingUnitName = units.GetValueOrDefault(dossier.ReceivingUnitId, UnitPath.Code(dossier.ReceivingUnitPath));
        if (CanForward && NextStep is not null)
        {
            NextPeople = await PeopleAsync(NextStep, cancellationToken);
        }

        if (CanAssign)
        {
            StepPeople = await PeopleAsync(Current!, cancellationToken);
        }

        return true;
    }

    /// <summary>The staff holding the step's role over its office (a role reaches its unit's subtree).</summary>
    private async Task<List<Person>> PeopleAsync(StepInfo step, CancellationToken cancellationToken)
    {
        var parts = step.OfficePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var prefixes = Enumerable.Range(1, parts.Length).Select(n => "/" + string.Join('/', parts.Take(n)) + "/").ToList();
        var people = await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && db.RoleAssignments.Any(r => r.UserId == u.Id && r.Role == step.Role && prefixes.Contains(r.Unit!.Path)))
            .OrderBy(u => u.FullName).Take(200).Select(u => new { u.UserName, u.FullName }).ToListAsync(cancellationToken);
        return people.Select(p => new Person(p.UserName!, p.FullName)).ToList();
    }

    public string StepLabel(int? order) => order is null ? localizer["Workspace.AtDesk"]
        : Process.FirstOrDefault(s => s.Order == order) is { Name.Length: > 0 } step ? step.Name : localizer["Workspace.Step", order];

    public static string Time(DateTime? utc) => utc is { } value ? DossierSlips.Moment(value) : "—";

    public static DateTimeOffset? Local(DateTime? utc) => utc is { } value ? VietnamTime.FromUtc(value) : null;
}
