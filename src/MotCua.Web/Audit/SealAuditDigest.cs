using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Audit;

/// <summary>Seals the current heads of all chains. Runs periodically and on demand
/// (<c>POST /api/v1/audit/digests</c>).</summary>
internal static class SealAuditDigest
{
    public sealed record Response(long Id, DateTime CreatedAt, int StreamCount, long EventCount, string Hash);

    public static async Task<Ok<Response>> Handle(MotCuaDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var digest = await SealAsync(db, clock, cancellationToken);
        return TypedResults.Ok(new Response(digest.Id, digest.CreatedAt, digest.StreamCount, digest.EventCount, digest.Hash));
    }

    public static async Task<AuditDigest> SealAsync(MotCuaDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        // A head is the row with no later row in its stream; sequences are gap-free, so the head's
        // sequence is also the stream's length.
        var heads = await db.AuditEvents.AsNoTracking()
            .Where(e => !db.AuditEvents.Any(x => x.StreamId == e.StreamId && x.Sequence > e.Sequence))
            .Select(e => new { e.StreamId, e.Sequence, e.Hash })
            .ToListAsync(cancellationToken);
        heads.Sort((a, b) => string.CompareOrdinal(a.StreamId, b.StreamId));
        var lines = new StringBuilder();
        foreach (var head in heads)
        {
            lines.Append(head.StreamId).Append('\u001f')
                .Append(head.Sequence.ToString(CultureInfo.InvariantCulture)).Append('\u001f')
                .Append(head.Hash).Append('\n');
        }

        var previous = await db.AuditDigests.AsNoTracking().OrderByDescending(d => d.Id).Select(d => d.Hash).FirstOrDefaultAsync(cancellationToken);
        var digest = new AuditDigest
        {
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            StreamCount = heads.Count,
            EventCount = heads.Sum(h => (long)h.Sequence),
            Heads = lines.ToString(),
            PreviousHash = previous ?? AuditEvent.GenesisHash,
        };
        digest.Seal();
        db.AuditDigests.Add(digest);
        await db.SaveChangesAsync(cancellationToken);
        return digest;
    }
}
