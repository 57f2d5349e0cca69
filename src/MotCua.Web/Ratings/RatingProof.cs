using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Ratings;

/// <summary>The facts of a dossier that a rating needs, once the rater proved it is theirs.</summary>
internal sealed record RatedDossier(Guid Id, string Code, DossierState State, DateTime? ReturnedAt, int UnitId, string UnitPath, string ProcedureCode,
    string ProcedureName);

/// <summary>
/// Who may rate a dossier: its owner's account, or anyone holding its code and check value (the secret printed on the
/// slip, or the last 4 digits of the owner's phone or ID number, as on the tracking page). A wrong code and a wrong check
/// value give the same 404, so codes cannot be probed. Staff sessions never rate: an officer cannot rate for the citizen.
/// </summary>
internal static class RatingProof
{
    public static void RefuseStaff(CurrentActor actor)
    {
        if (actor.Roles.Count > 0)
        {
            throw new ProblemException(403, "staff-cannot-rate", "Ratings.StaffCannotRate");
        }
    }

    public static async Task<RatedDossier> ByCodeAsync(MotCuaDbContext db, CurrentActor actor, string? code, string? check, CancellationToken cancellationToken)
    {
        var wanted = (code ?? "").Trim().ToUpperInvariant();
        var given = (check ?? "").Trim().ToUpperInvariant();
        var row = wanted.Length is 0 or > 60 ? null : await db.Dossiers.AsNoTracking().Where(d => d.Code == wanted)
            .Select(d => new
            {
                Facts = new RatedDossier(d.Id, d.Code!, d.State, d.ReturnedAt, d.ReceivingUnitId, d.ReceivingUnitPath, d.ProcedureCode, d.ProcedureName),
                d.CitizenAccountId,
                d.TrackingSecret,
                d.Owner.Phone,
                d.Owner.IdNumber,
            })
            .FirstOrDefaultAsync(cancellationToken);
        var owner = row is not null && actor.UserId is { } user && row.CitizenAccountId == user;
        var secrets = row is null ? ["\0\0\0\0\0\0"] : new[] { row.TrackingSecret, Last4(row.Phone), Last4(row.IdNumber) };
        var matched = false;
        foreach (var secret in secrets)
        {
            matched |= given.Length >= 4 && secret.Length > 0
                && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret.ToUpperInvariant()), Encoding.UTF8.GetBytes(given));
        }

        return row is not null && (owner || matched) ? row.Facts : throw new ProblemException(404, "rating-dossier-not-found", "Ratings.DossierNotFound");
    }

    public static Task<RatedDossier?> ByIdAsync(MotCuaDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Dossiers.AsNoTracking().Where(d => d.Id == id && d.Code != null)
            .Select(d => new RatedDossier(d.Id, d.Code!, d.State, d.ReturnedAt, d.ReceivingUnitId, d.ReceivingUnitPath, d.ProcedureCode, d.ProcedureName))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>A keyed hash of the device or address, so bursts can be found without keeping the address.</summary>
    public static string Source(string kind, string? value, string key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(kind + ":" + (value ?? "unknown"))));

    private static string Last4(string? value)
    {
        var digits = new string((value ?? "").Where(char.IsAsciiDigit).ToArray());
        return digits.Length >= 4 ? digits[^4..] : "";
    }
}
