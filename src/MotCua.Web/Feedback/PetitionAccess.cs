using Microsoft.EntityFrameworkCore;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;
using MotCua.Web.Platform.Localization;

namespace MotCua.Web.Feedback;

internal sealed class PetitionOptions
{
    public const string Section = "MotCua:Petitions";

    /// <summary>Working days to handle a petition, from receipt or the latest move to another unit (DESIGN.md §4.14; check against the decree in force).</summary>
    public int HandleWithinWorkingDays { get; set; } = 15;

    /// <summary>Petitions a minute from one client address on the portal.</summary>
    public int PerAddressPerMinute { get; set; } = 5;
}

/// <summary>A petition as staff see it, with the overdue flag at the moment of reading.</summary>
internal sealed record PetitionView(string Reference, int Version, string State, string Channel, string Kind, string UnitCode, string? ProcedureCode,
    string? DossierCode, string SenderName, string? SenderPhone, string? SenderEmail, string Content, bool AgreesToPublish, DateTimeOffset ReceivedAt,
    string? AssigneeName, DateTimeOffset? DueAt, bool Overdue, DateTimeOffset? AnsweredAt, bool? AnsweredOnTime, string? Answer, string? PublicAnswer)
{
    public static PetitionView Of(Petition p, string unitCode, DateTime now) => new(p.Reference, p.Version, p.State.ToString(), p.Channel.ToString(),
        p.Kind.ToString(), unitCode, p.ProcedureCode, p.DossierCode, p.SenderName, p.SenderPhone, p.SenderEmail, p.Content, p.AgreesToPublish,
        p.ReceivedAt.ToVietnamTime(), p.AssigneeName, p.DueAt?.ToVietnamTime(), p.IsOverdue(now), p.AnsweredAt?.ToVietnamTime(),
        p.AnsweredAt is null ? null : p.AnsweredOnTime, p.Answer, p.PublicAnswer);
}

internal static class PetitionAccess
{
    /// <summary>The petition for a change by staff of its unit (404 outside it), at the version the client saw (409 otherwise).</summary>
    public static async Task<Petition> LoadAsync(MotCuaDbContext db, CurrentActor actor, string reference, int? version, CancellationToken cancellationToken)
    {
        var petition = await db.Set<Petition>().FirstOrDefaultAsync(p => p.Reference == reference, cancellationToken);
        if (petition is null || !actor.Covers(petition.UnitPath))
        {
            throw new ProblemException(404, "petition-not-found", "Petitions.NotFound");
        }

        if (version != petition.Version)
        {
            throw ProblemException.Conflict("concurrent-change", "Problem.ConcurrentChange");
        }

        return petition;
    }
}
