using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Privacy;

/// <summary>
/// One staff read of a dossier's personal data: who, in which role and unit, when, which dossier, and where (the
/// workspace, the API, a slip or form). Append-only (database triggers). It answers, after a breach, who saw whose data:
/// Law 91/2025/QH15 asks the controller to notify the authority within 72 hours (Art. 23, check), and to know what was seen.
/// </summary>
internal sealed class PersonalDataRead
{
    public long Id { get; private set; }
    public DateTime ReadAt { get; init; }
    public Guid? ActorId { get; init; }
    public required string ActorName { get; init; }
    public string? ActorRole { get; init; }
    public string? ActorUnitCode { get; init; }
    public Guid DossierId { get; init; }
    public string? DossierCode { get; init; }

    /// <summary>The handling unit's path, so a supervisor sees the reads of their own subtree's dossiers.</summary>
    public required string DossierUnitPath { get; init; }

    public required string Place { get; init; }
}

/// <summary>Where a read happened: the values stored in <see cref="PersonalDataRead.Place"/>.</summary>
internal static class ReadPlace
{
    public const string Workspace = "workspace";
    public const string Api = "api";
    public const string OnlineCheck = "online-check";
    public const string Slip = "slip";
    public const string Form = "form";
    public const string File = "file";

    public static readonly string[] All = [Workspace, Api, OnlineCheck, Slip, Form, File];
}

internal sealed class PersonalDataReadConfiguration : IEntityTypeConfiguration<PersonalDataRead>
{
    public void Configure(EntityTypeBuilder<PersonalDataRead> builder)
    {
        builder.ToTable("PersonalDataReads");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.ActorName).HasMaxLength(200);
        builder.Property(r => r.ActorRole).HasMaxLength(40);
        builder.Property(r => r.ActorUnitCode).HasMaxLength(40);
        builder.Property(r => r.DossierCode).HasMaxLength(60);
        builder.Property(r => r.DossierUnitPath).HasMaxLength(400);
        builder.Property(r => r.Place).HasMaxLength(40);
        builder.HasIndex(r => r.ReadAt);
        builder.HasIndex(r => r.DossierId);
    }
}

/// <summary>Writes one <see cref="PersonalDataRead"/> per page or answer that shows a dossier's personal data: one INSERT.</summary>
internal sealed class PersonalDataLog(MotCuaDbContext db, CurrentActor actor, TimeProvider clock)
{
    public async Task RecordAsync(Dossier dossier, string place, CancellationToken cancellationToken)
    {
        // The role that let the reader see it: over the handling unit, else over the receiving desk.
        var who = actor.Assignment(dossier.HandlingUnitPath) is not null ? actor.ActingOn(dossier.HandlingUnitPath) : actor.ActingOn(dossier.ReceivingUnitPath);
        var row = new PersonalDataRead
        {
            ReadAt = clock.GetUtcNow().UtcDateTime,
            ActorId = who.Id,
            ActorName = who.Name,
            ActorRole = who.Role,
            ActorUnitCode = who.UnitCode,
            DossierId = dossier.Id,
            DossierCode = dossier.Code,
            DossierUnitPath = dossier.HandlingUnitPath,
            Place = place,
        };
        await InsertBatch.SaveAsync(db, [row], cancellationToken);
    }
}
