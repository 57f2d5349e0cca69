using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Catalog;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Dossiers.Online;

/// <summary>
/// A signed-in citizen submits a dossier online (<c>POST /api/v1/online-dossiers</c>, the page /nop-ho-so/{code}):
/// it waits as "new" (national state 1), with no code and no due date, until a desk officer of the chosen
/// competent unit checks it. The code and the due date count from the moment of receipt.
/// </summary>
internal static class SubmitOnline
{
    /// <param name="Reuse">Earlier documents of the citizen reused for components instead of new uploads (<c>GET /api/v1/my-profile</c>).</param>
    public sealed record Request(string? ProcedureCode, string? HandlingUnitCode, OwnerKind? OwnerKind, PartyInput? Owner, string? Summary,
        IReadOnlyList<CitizenIdentity.ReuseInput>? Reuse = null);

    public sealed record Response(Guid Id, string State, int NationalState, DateTimeOffset SubmittedAt, string ProcedureCode, string HandlingUnitCode,
        IReadOnlyList<OnlineFile> Files);

    public static async Task<Created<Response>> Handle(HttpRequest http, Handler handler, FileStore store, CancellationToken cancellationToken)
    {
        var (request, files) = await OnlineUploads.ReadAsync<Request>(http, store, cancellationToken);
        var response = await handler.SubmitAsync(request ?? new Request(null, null, null, null, null), files, cancellationToken);
        return TypedResults.Created($"/api/v1/my-dossiers/{response.Id}", response);
    }

    /// <summary>The competent units a citizen may choose: the procedure's providers that exist today.</summary>
    public static Task<List<UnitRef>> ProvidersAsync(MotCuaDbContext db, string procedureCode, DateOnly today, CancellationToken cancellationToken) =>
        db.ProcedureProviders.AsNoTracking()
            .Where(p => p.Procedure!.Code == procedureCode && p.Unit!.ValidFrom <= today && (p.Unit.ValidTo == null || p.Unit.ValidTo >= today))
            .OrderBy(p => p.Unit!.Name)
            .Select(p => new UnitRef(p.Unit!.Id, p.Unit.Code, p.Unit.Name, p.Unit.Path))
            .ToListAsync(cancellationToken);

    internal sealed class Handler(MotCuaDbContext db, CurrentActor actor, IProcedureCatalog catalog, FileStore store, DossierCommit commit, DossierNotices notices,
        TimeProvider clock, IStringLocalizer<SharedResource> localizer, CitizenIdentity.DataReuse reuse)
    {
        public async Task<Response> SubmitAsync(Request request, IFormFileCollection uploads, CancellationToken cancellationToken)
        {
            var citizen = actor.UserId ?? throw ProblemException.Forbidden();
            var now = DossierTime.ToSecond(clock.GetUtcNow().UtcDateTime);
            var today = DossierTime.VietnamDate(now);
            var errors = new FieldErrors(localizer);
            errors.Required("procedureCode", request.ProcedureCode, 60);
            errors.MaxLength("summary", request.Summary, 1000);
            var code = request.ProcedureCode?.Trim() ?? "";
            var pinned = code.Length is 0 or > 60 ? null : await catalog.GetVersionValidOnAsync(code, today, cancellationToken);
            var plan = await reuse.PlanAsync(citizen, request.OwnerKind ?? OwnerKind.Citizen, request.Reuse, pinned?.Components.Select(c => c.Name).ToList() ?? [],
                errors, cancellationToken);
            var owner = DossierInput.Party(errors, "owner", plan.Owner(request.Owner), required: true);
            UnitRef? unit = null;
            if (pinned is null && code.Length > 0)
            {
                errors.Add("procedureCode", "Dossiers.UnknownProcedure", code.Length > 60 ? code[..60] : code);
            }
            else if (pinned is not null && pinned.OnlineMode == OnlineMode.None)
            {
                errors.Add("procedureCode", "Dossiers.ChannelNotOffered", localizer["Channel.Online"].Value);
            }
            else if (pinned is not null)
            {
                var providers = await ProvidersAsync(db, pinned.Code, today, cancellationToken);
                unit = request.HandlingUnitCode is { } wanted ? providers.FirstOrDefault(p => p.Code == wanted.Trim())
                    : providers.Count == 1 ? providers[0] : null;
                if (unit is null)
                {
                    errors.Add("handlingUnitCode", providers.Count == 0 ? "Dossiers.NoProvider" : "Dossiers.ChooseHandlingUnit", string.Join(", ", providers.Select(p => p.Code)));
                }
            }

            errors.ThrowIfAny();
            var files = await OnlineUploads.SaveAsync(uploads, pinned!.Components.Select(c => c.Name).ToList(), plan.Documents.Count, store, localizer, cancellationToken);
            try
            {
                files.AddRange(await reuse.CopyAsync(plan, cancellationToken));
                var dossier = new Dossier
                {
                    Channel = Channel.Online,
                    ProcedureCode = pinned.Code,
                    ProcedureVersionId = pinned.VersionId,
                    ProcedureName = pinned.Name,
                    DomainCode = pinned.DomainCode,
                    OwnerKind = request.OwnerKind ?? OwnerKind.Citizen,
                    Owner = owner!,
                    Summary = string.IsNullOrWhiteSpace(request.Summary) ? pinned.Name : request.Summary.Trim(),
                    CitizenAccountId = citizen,
                    CreatedAt = now,
                    SubmittedAt = now,
                    TrackingSecret = DossierTime.NewTrackingSecret(),
                };
                dossier.Components.AddRange(pinned.Components.Select(c =>
                    new DossierComponent { Name = c.Name, Originals = c.Originals, CertifiedCopies = c.CertifiedCopies, Copies = c.Copies }));
                dossier.Files.AddRange(files);
                dossier.Place(unit!.Id, unit.Path, unit.Id, unit.Path);
                dossier.Submit();
                notices.Submitted(dossier);
                var reused = reuse.Rows(plan, dossier, now);
                await commit.AddAsync(dossier, new DossierEvent(actor.Self, "dossier.submitted", null, new
                {
                    dossier.ProcedureCode,
                    ProcedureVersion = pinned.Number,
                    Channel = dossier.Channel.ToString(),
                    SubmittedAt = now,
                    Unit = unit.Code,
                    Files = files.Select(f => new { f.Id, f.FileName, f.Sha256, f.Component }),
                    OwnerVerified = plan.Verified is not null,
                    Reused = CitizenIdentity.DataReuse.History(reused),
                }), cancellationToken, reused);
                return new Response(dossier.Id, dossier.State.ToString(), dossier.State.NationalCode(), VietnamTime(now), dossier.ProcedureCode, unit.Code,
                    files.Select(OnlineFile.From).ToList());
            }
            catch
            {
                OnlineUploads.Discard(store, files);
                throw;
            }
        }

        private static DateTimeOffset VietnamTime(DateTime utc) => Calendar.VietnamTime.FromUtc(utc);
    }
}

/// <summary>A file of a dossier as shown to staff and to the owner; downloads go through <see cref="DownloadDossierFile"/>.</summary>
internal sealed record OnlineFile(Guid Id, string FileName, string? Component, string ContentType, long Size, DateTimeOffset UploadedAt)
{
    public static OnlineFile From(DossierFile file) =>
        new(file.Id, file.FileName, file.Component, file.ContentType, file.Size, Calendar.VietnamTime.FromUtc(file.UploadedAt));
}
