using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Dossiers;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.CitizenIdentity;

/// <summary>An earlier document the citizen reuses for a component of a new dossier: the component's index in the procedure's list
/// (as the upload field <c>component-{index}</c>) and the file (<c>GET /api/v1/my-profile</c> lists them).</summary>
internal sealed record ReuseInput(int ComponentIndex, Guid FileId);

/// <summary>
/// The reuse of what the state already holds in an online submission (Decree 45/2020/NĐ-CP, Art. 11 and Decree 107/2021/NĐ-CP: an
/// agency may not ask again for information or documents that a database or an earlier dossier already holds). For a dossier the
/// citizen submits for themselves, a linked national identity fixes the owner's name and identification number: the citizen
/// cannot edit them. Earlier documents are copied into the new dossier, which owns its files. What was reused is recorded with the
/// dossier (<see cref="DossierReuse"/>), and a verified owner with <see cref="DossierOwnerVerification"/>.
/// </summary>
internal sealed class DataReuse(MotCuaDbContext db, CitizenProfile profile, FileStore store, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    public const int MaxReused = 20;

    /// <summary>What a submission reuses, checked; <see cref="CopyAsync"/> then makes the files and <see cref="Rows"/> the records.</summary>
    public sealed class Plan
    {
        public CitizenProfile.VerifiedOwner? Verified { get; init; }
        public CitizenProfile.LastOwnerRow? LastOwner { get; init; }
        public IReadOnlyList<(string Component, DossierFile Source, Guid SourceDossierId)> Documents { get; init; } = [];
        public List<(DossierFile Copy, DossierFile Source, Guid SourceDossierId)> Copies { get; } = [];

        /// <summary>The owner as posted, with the verified person's name and identification number in place of whatever was typed.</summary>
        public PartyInput? Owner(PartyInput? posted) => Verified is not { } person ? posted
            : (posted ?? new PartyInput(null, null, null, person.Address, null, null)) with
            {
                Name = person.FullName,
                IdType = IdentityDocument.CitizenId,
                IdNumber = person.IdNumber,
            };
    }

    public async Task<Plan> PlanAsync(Guid citizen, OwnerKind ownerKind, IReadOnlyList<ReuseInput>? reuse, IReadOnlyList<string> components, FieldErrors errors,
        CancellationToken cancellationToken)
    {
        var mine = ownerKind == OwnerKind.Citizen;
        var documents = new List<(string, DossierFile, Guid)>();
        reuse ??= [];
        if (reuse.Count > MaxReused)
        {
            errors.Add("reuse", "Online.TooManyFiles", MaxReused);
        }
        else if (reuse.Count > 0)
        {
            var ids = reuse.Select(r => r.FileId).Distinct().ToList();
            // Only the citizen's own documents that they may see: what they submitted, and results once returned.
            var sources = await db.Dossiers.AsNoTracking().Where(d => d.CitizenAccountId == citizen && d.PersonalDataErasedAt == null)
                .SelectMany(d => d.Files, (d, f) => new { DossierId = d.Id, d.State, File = f })
                .Where(s => ids.Contains(s.File.Id) && (s.File.Kind == DossierFileKind.Submission || s.State == DossierState.Returned))
                .ToListAsync(cancellationToken);
            for (var i = 0; i < reuse.Count; i++)
            {
                var source = sources.FirstOrDefault(s => s.File.Id == reuse[i].FileId);
                if (reuse[i].ComponentIndex < 0 || reuse[i].ComponentIndex >= components.Count || source is null)
                {
                    errors.Add("reuse", "Reuse.UnknownDocument");
                    continue;
                }

                documents.Add((components[reuse[i].ComponentIndex], source.File, source.DossierId));
            }
        }

        return new Plan
        {
            Verified = mine ? await profile.VerifiedAsync(citizen, cancellationToken) : null,
            LastOwner = mine ? await profile.LastOwnerDossierAsync(citizen, cancellationToken) : null,
            Documents = documents,
        };
    }

    /// <summary>Copies the reused documents into the store as files of the new dossier; on failure removes the copies made.</summary>
    public async Task<IReadOnlyList<DossierFile>> CopyAsync(Plan plan, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            foreach (var (component, source, dossierId) in plan.Documents)
            {
                byte[] content;
                await using (var input = store.Open(source))
                using (var buffer = new MemoryStream())
                {
                    await input.CopyToAsync(buffer, cancellationToken);
                    content = buffer.ToArray();
                }

                var copy = new DossierFile
                {
                    Kind = DossierFileKind.Submission,
                    FileName = source.FileName,
                    Component = component,
                    ContentType = source.ContentType,
                    Size = content.Length,
                    Sha256 = source.Sha256,
                    StoragePath = await store.StoreAsync(content, now, cancellationToken),
                    UploadedAt = now,
                };
                plan.Copies.Add((copy, source, dossierId));
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Discard(plan);
            throw ProblemException.Invalid(new Dictionary<string, string[]> { ["reuse"] = [localizer["Reuse.UnknownDocument"]] });
        }

        return plan.Copies.Select(c => c.Copy).ToList();
    }

    public void Discard(Plan plan)
    {
        foreach (var (copy, _, _) in plan.Copies)
        {
            store.Discard(copy);
        }

        plan.Copies.Clear();
    }

    /// <summary>The records of what the new dossier reused, written with it.</summary>
    public IReadOnlyList<object> Rows(Plan plan, Dossier dossier, DateTime now)
    {
        var rows = new List<object>();
        if (plan.Verified is { } person)
        {
            rows.Add(new DossierOwnerVerification { DossierId = dossier.Id, Issuer = person.Issuer, Subject = person.Subject, BirthDate = person.BirthDate, VerifiedAt = now });
            rows.Add(new DossierReuse { DossierId = dossier.Id, Kind = ReuseKind.IdentityData, RecordedAt = now });
        }
        else if (plan.LastOwner is { } last && last.Owner == dossier.Owner)
        {
            // The owner data of the last dossier came back unchanged: nothing was typed again.
            rows.Add(new DossierReuse { DossierId = dossier.Id, Kind = ReuseKind.EarlierDossierData, SourceDossierId = last.DossierId, RecordedAt = now });
        }

        rows.AddRange(plan.Copies.Select(c => new DossierReuse
        {
            DossierId = dossier.Id,
            Kind = ReuseKind.Document,
            Component = c.Copy.Component,
            SourceDossierId = c.SourceDossierId,
            SourceFileId = c.Source.Id,
            FileId = c.Copy.Id,
            RecordedAt = now,
        }));
        return rows;
    }

    /// <summary>What the history entry of the submission says was reused.</summary>
    public static object History(IReadOnlyList<object> rows) => rows.OfType<DossierReuse>()
        .Select(r => new { Kind = r.Kind.ToString(), r.Component, r.SourceDossierId, r.SourceFileId }).ToList();
}
