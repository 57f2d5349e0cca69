using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Calendar;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Privacy;

/// <summary>
/// What the system holds about the signed-in citizen: the account, and the people named on the dossiers submitted from it
/// (owner and submitter, summary, file names). <c>GET /api/v1/me/personal-data</c> gives it as a JSON download; the page
/// /tai-khoan/du-lieu-ca-nhan shows the same. Law 91/2025/QH15, Art. 4: the data subject may see their data and ask for a copy.
/// Counter and postal dossiers are tied to no account, so they are given at the desk on request, not here.
/// </summary>
internal static class MyPersonalData
{
    public sealed record Account(Guid Id, string UserName, string FullName, string? PhoneNumber, string? Email, DateTimeOffset CreatedAt);

    public sealed record DossierData(Guid Id, int Version, string? Code, string ProcedureCode, string ProcedureName, string State, DateTimeOffset CreatedAt,
        DateTimeOffset? ClosedAt, Party Owner, Party? Submitter, string? Summary, IReadOnlyList<string> Files, DateTimeOffset? PersonalDataErasedAt);

    public sealed record Export(DateTimeOffset ExportedAt, Account Account, IReadOnlyList<DossierData> Dossiers);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static async Task<FileContentHttpResult> Download(MotCuaDbContext db, CurrentActor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var export = await LoadAsync(db, actor, clock, cancellationToken);
        var name = $"du-lieu-ca-nhan-{export.ExportedAt:yyyyMMdd}.json";
        return TypedResults.File(JsonSerializer.SerializeToUtf8Bytes(export, Json), "application/json; charset=utf-8", name);
    }

    public static async Task<Export> LoadAsync(MotCuaDbContext db, CurrentActor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = actor.UserId ?? throw ProblemException.NotFound();
        var user = await db.Users.AsNoTracking().Where(u => u.Id == me)
            .Select(u => new Account(u.Id, u.UserName!, u.FullName, u.PhoneNumber, u.Email, VietnamTime.FromUtc(u.CreatedAt)))
            .FirstOrDefaultAsync(cancellationToken) ?? throw ProblemException.NotFound();
        var dossiers = await db.Dossiers.AsNoTracking().Where(d => d.CitizenAccountId == me).OrderByDescending(d => d.CreatedAt).ToListAsync(cancellationToken);
        return new Export(VietnamTime.FromUtc(clock.GetUtcNow().UtcDateTime), user, dossiers.Select(d => new DossierData(d.Id, d.Version, d.Code,
                d.ProcedureCode, d.ProcedureName, d.State.ToString(), VietnamTime.FromUtc(d.CreatedAt), Local(d.ClosedAt), d.Owner, d.Submitter, d.Summary,
                d.Files.Where(f => f.Kind == DossierFileKind.Submission).Select(f => f.FileName).ToList(), Local(d.PersonalDataErasedAt)))
            .ToList());
    }

    private static DateTimeOffset? Local(DateTime? utc) => utc is { } value ? VietnamTime.FromUtc(value) : null;
}

/// <summary>
/// <c>POST /api/v1/me/dossiers/{id}/contact</c>: the citizen corrects the address, phone and email of one of their
/// dossiers, at any time until its data is erased. The name and the identity number were checked against the papers at
/// intake and are not changed from an account: a wrong one is corrected at the desk. The history records which fields
/// changed, never their values (the history cannot be erased, personal data must be: Law 91/2025/QH15, Art. 14).
/// </summary>
internal static class CorrectDossierContact
{
    public sealed record Request(int? Version, string? Address, string? Phone, string? Email);

    public sealed record Response(Guid Id, int Version, Party Owner);

    public static async Task<Results<Ok<Response>, RuleConflict>> Handle(Guid id, Request request, MotCuaDbContext db, CurrentActor actor, DossierCommit commit,
        RuleProblems problems, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var dossier = await Dossiers.Online.GetOnlineDossier.OwnDossierAsync(db, actor, id, tracked: true, cancellationToken);
        var errors = new FieldErrors(localizer);
        if (request.Version is null)
        {
            errors.Add("version", "Validation.Required");
        }

        // The same rules as at intake, with the name and identity number as they stand.
        var owner = dossier.Owner;
        var checkedParty = DossierInput.Party(errors, "owner",
            new PartyInput(owner.Name, owner.IdType, owner.IdNumber, request.Address, request.Phone, request.Email), required: true);
        errors.ThrowIfAny();
        if (dossier.Version != request.Version)
        {
            throw ProblemException.Conflict("concurrent-change", "Problem.ConcurrentChange");
        }

        var changed = new List<string>();
        if (checkedParty!.Address != owner.Address)
        {
            changed.Add("address");
        }

        if (checkedParty.Phone != owner.Phone)
        {
            changed.Add("phone");
        }

        if (checkedParty.Email != owner.Email)
        {
            changed.Add("email");
        }

        if (changed.Count > 0)
        {
            if (dossier.CorrectOwnerContact(checkedParty.Address, checkedParty.Phone, checkedParty.Email) is { } broken)
            {
                return problems.Conflict(broken);
            }

            await commit.SaveAsync(dossier, new DossierEvent(actor.Self, "dossier.owner-contact-corrected", null, new { Fields = changed }), cancellationToken);
        }

        return TypedResults.Ok(new Response(dossier.Id, dossier.Version, dossier.Owner));
    }
}
