using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Partners;

/// <summary>
/// <c>POST /api/v1/partners/{clientId}/rotate-secret</c> and <c>/disable</c>. Either ends every token the client holds
/// at once (a token names the secret it was issued under, and a disabled client's tokens are refused). The client's
/// version makes two administrators' concurrent changes collide: one wins, the other gets 409.
/// </summary>
internal static class ChangePartner
{
    /// <param name="ClientSecret">The new secret, shown once.</param>
    public sealed record RotatedSecret(string ClientId, string ClientSecret, int SecretVersion);

    public static async Task<Ok<RotatedSecret>> Rotate(string clientId, MotCuaDbContext db, CurrentActor actor, AuditTrail audit, CancellationToken cancellationToken)
    {
        var client = await LoadAsync(db, clientId, cancellationToken);
        if (!client.Enabled)
        {
            throw ProblemException.Conflict("partner-disabled", "Problem.Conflict");
        }

        var before = client.Snapshot();
        var secret = client.Rotate();
        await audit.RecordAsync(actor.Self, "partner.secret-rotated", nameof(PartnerClient), client.ClientId, before, client.Snapshot(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new RotatedSecret(client.ClientId, secret, client.SecretVersion));
    }

    public static async Task<NoContent> Disable(string clientId, MotCuaDbContext db, CurrentActor actor, AuditTrail audit, CancellationToken cancellationToken)
    {
        var client = await LoadAsync(db, clientId, cancellationToken);
        if (!client.Enabled)
        {
            return TypedResults.NoContent();
        }

        var before = client.Snapshot();
        client.Enabled = false;
        client.Version++;
        await audit.RecordAsync(actor.Self, "partner.disabled", nameof(PartnerClient), client.ClientId, before, client.Snapshot(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<PartnerClient> LoadAsync(MotCuaDbContext db, string clientId, CancellationToken cancellationToken) =>
        await db.PartnerClients.Include(c => c.Units).ThenInclude(u => u.Unit).FirstOrDefaultAsync(c => c.ClientId == clientId, cancellationToken)
            ?? throw ProblemException.NotFound();
}
