using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;
using MotCua.Web.Platform.Localization;

namespace MotCua.Web.Dossiers;

/// <summary>
/// <c>POST /api/v1/tracking</c> and the page /tra-cuu: anyone with the dossier code and a check value (the
/// last 4 digits of the owner's phone or ID number, or the secret printed on the slip) sees the state,
/// the appointment and the public steps. The check value travels only in the body. A wrong code and a
/// wrong check value give the same answer, so codes cannot be enumerated.
/// </summary>
internal static class TrackDossier
{
    public sealed record Request(string? Code, string? Check);

    public sealed record Step(DateTimeOffset At, string Action, string Description);

    public sealed record Response(string Code, string Procedure, string State, int NationalState, string Channel,
        DateTimeOffset? ReceivedAt, DateTimeOffset? DueAt, string OwnerIdNumber, string? OwnerPhone, IReadOnlyList<Step> Timeline);

    /// <summary>
    /// History actions shown to the public: intake, and the processing steps that concern the applicant (a supplement or a
    /// payment asked of them, an apology, the decision, the return, an ending). Who acted and the office's internal moves
    /// (hand-offs, assignments, transfers, notes) stay inside.
    /// </summary>
    public static readonly string[] PublicActions =
    [
        "dossier.submitted", "dossier.received", "dossier.completion-requested", "dossier.resubmitted", "dossier.refused", "dossier.guided",
        "dossier.processing-started", "dossier.supplement-requested", "dossier.supplement-received", "dossier.payment-requested",
        "dossier.payment-confirmed", "dossier.extended", "dossier.processed", "dossier.declined", "dossier.returned", "dossier.stopped",
        "dossier.withdrawn",
    ];

    public static async Task<Ok<Response>> Handle(Request request, MotCuaDbContext db, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
        TypedResults.Ok(await FindAsync(request, db, localizer, cancellationToken) ?? throw NotFound());

    public static ProblemException NotFound() => new(404, "tracking-not-found", "Tracking.NotFound");

    public static async Task<Response?> FindAsync(Request request, MotCuaDbContext db, IStringLocalizer localizer, CancellationToken cancellationToken)
    {
        var code = (request.Code ?? "").Trim().ToUpperInvariant();
        var check = (request.Check ?? "").Trim();
        if (code.Length is 0 or > 60 || check.Length is < 4 or > 20)
        {
            return null;
        }

        var rows = new List<Row>();
        await foreach (var row in Lookup(db, code).WithCancellation(cancellationToken))
        {
            rows.Add(row);
        }

        var dossier = rows.FirstOrDefault();
        // Compare against a dummy when the code is unknown, so both failures take the same path.
        var secrets = dossier is null ? ["\0\0\0\0\0\0"] : new[] { dossier.TrackingSecret, Last4(dossier.OwnerPhone), Last4(dossier.OwnerId) };
        var matched = false;
        foreach (var secret in secrets)
        {
            matched |= secret.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret.ToUpperInvariant()), Encoding.UTF8.GetBytes(check.ToUpperInvariant()));
        }

        if (dossier is null || !matched)
        {
            return null;
        }

        return new Response(
            dossier.Code!,
            dossier.ProcedureName,
            localizer["DossierState." + dossier.State],
            dossier.State.NationalCode(),
            localizer["Channel." + dossier.Channel],
            dossier.ReceivedAt?.ToVietnamTime(),
            dossier.DueAt?.ToVietnamTime(),
            // Masked: whoever holds the code and a check value sees that this is their dossier, not the numbers themselves.
            Privacy.Mask.IdNumber(dossier.OwnerId),
            Privacy.Mask.Phone(dossier.OwnerPhone),
            rows.Where(r => r.Action is not null && PublicActions.Contains(r.Action))
                .Select(r => new Step(r.OccurredAt!.Value.ToVietnamTime(), r.Action!, localizer["DossierAction." + r.Action])).ToList());
    }

    /// <summary>One row per history event of the dossier (or one row without an event), the dossier's fields repeated.</summary>
    private sealed record Row(string? Code, string ProcedureName, DossierState State, Catalog.Channel Channel, DateTime? ReceivedAt, DateTime? DueAt,
        string TrackingSecret, string? OwnerPhone, string OwnerId, DateTime? OccurredAt, string? Action);

    /// <summary>
    /// The dossier and its history (time and action only) in one round trip: the unique code, then a left join on the
    /// (stream, sequence) index. A flat join, because SQLite cannot run the APPLY a correlated collection becomes here.
    /// The events come back even when the check value turns out wrong; they are dropped unread then.
    /// </summary>
    private static readonly Func<MotCuaDbContext, string, IAsyncEnumerable<Row>> Lookup = EF.CompileAsyncQuery((MotCuaDbContext db, string code) =>
        from d in db.Dossiers.AsNoTracking()
        where d.Code == code
        // Stream ids hold the id as Guid.ToString() writes it (lower case); SQLite stores Guids in upper case.
        join e in db.AuditEvents.AsNoTracking() on "Dossier:" + d.Id.ToString().ToLower() equals e.StreamId into history
        from e in history.DefaultIfEmpty()
        orderby e!.Sequence
        select new Row(d.Code, d.ProcedureName, d.State, d.Channel, d.ReceivedAt, d.DueAt, d.TrackingSecret, d.Owner.Phone, d.Owner.IdNumber,
            e == null ? null : e.OccurredAt, e == null ? null : e.Action));

    private static string Last4(string? value)
    {
        var digits = new string((value ?? "").Where(char.IsAsciiDigit).ToArray());
        return digits.Length >= 4 ? digits[^4..] : "";
    }
}
