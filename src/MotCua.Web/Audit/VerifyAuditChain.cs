using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Audit;

/// <summary><c>GET /api/v1/audit/verify</c>: recomputes every chain and checks the newest digest.</summary>
internal static class VerifyAuditChain
{
    public sealed record BrokenRow(long Id, string StreamId, int Sequence, string Reason);

    public sealed record Response(bool Intact, long EventsChecked, int StreamsChecked, DateTime? DigestCreatedAt, BrokenRow? FirstBroken);

    public static async Task<Ok<Response>> Handle(MotCuaDbContext db, CancellationToken cancellationToken)
    {
        var result = await VerifyAsync(db, cancellationToken);
        return TypedResults.Ok(result);
    }

    public static async Task<Response> VerifyAsync(MotCuaDbContext db, CancellationToken cancellationToken)
    {
        var heads = new Dictionary<string, (int Sequence, string Hash)>(StringComparer.Ordinal);
        long count = 0;
        BrokenRow? broken = null;
        // Streamed in id order: memory stays flat however long the history is.
        await foreach (var row in db.AuditEvents.AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            count++;
            heads.TryGetValue(row.StreamId, out var head);
            var reason = Fault(row, head.Sequence + 1, head.Hash ?? AuditEvent.GenesisHash);
            if (reason is not null)
            {
                broken ??= new BrokenRow(row.Id, row.StreamId, row.Sequence, reason);
            }

            heads[row.StreamId] = (row.Sequence, row.Hash);
        }

        var digests = await db.AuditDigests.AsNoTracking().OrderBy(d => d.Id).ToListAsync(cancellationToken);
        var previousDigest = AuditEvent.GenesisHash;
        foreach (var digest in digests)
        {
            if (broken is null && (digest.PreviousHash != previousDigest || digest.ComputeHash() != digest.Hash))
            {
                broken = new BrokenRow(digest.Id, "digest", 0, "digest-hash-mismatch");
            }

            previousDigest = digest.Hash;
        }

        var latest = digests.LastOrDefault();
        if (broken is null && latest is not null)
        {
            foreach (var line in latest.Heads.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = line.Split('\u001f');
                var sealedSequence = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
                if (!heads.TryGetValue(parts[0], out var head) || head.Sequence < sealedSequence)
                {
                    broken = new BrokenRow(latest.Id, parts[0], sealedSequence, "stream-truncated-or-deleted");
                    break;
                }
            }
        }

        return new Response(broken is null, count, heads.Count, latest?.CreatedAt, broken);
    }

    /// <summary>The first broken row of one stream's chain, given in sequence order (a dossier's history page); null when intact.</summary>
    public static BrokenRow? FirstBroken(IEnumerable<AuditEvent> stream)
    {
        var (sequence, hash) = (0, AuditEvent.GenesisHash);
        foreach (var row in stream)
        {
            if (Fault(row, sequence + 1, hash) is { } reason)
            {
                return new BrokenRow(row.Id, row.StreamId, row.Sequence, reason);
            }

            (sequence, hash) = (row.Sequence, row.Hash);
        }

        return null;
    }

    private static string? Fault(AuditEvent row, int expectedSequence, string expectedPrevious) =>
        row.Sequence != expectedSequence ? "sequence-gap"
        : !string.Equals(row.PreviousHash, expectedPrevious, StringComparison.Ordinal) ? "previous-hash-mismatch"
        : !string.Equals(row.ComputeHash(), row.Hash, StringComparison.Ordinal) ? "content-hash-mismatch"
        : null;
}
