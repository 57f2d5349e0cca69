using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Dossiers;

/// <summary>The last sequence number given out per agency per day.</summary>
internal sealed class DossierCodeCounter
{
    public required string AgencyCode { get; init; }
    public DateOnly Day { get; init; }
    public int LastValue { get; init; }
}

internal sealed class DossierCodeCounterConfiguration : IEntityTypeConfiguration<DossierCodeCounter>
{
    public void Configure(EntityTypeBuilder<DossierCodeCounter> builder)
    {
        builder.ToTable("DossierCodeCounters");
        builder.HasKey(c => new { c.AgencyCode, c.Day });
        builder.Property(c => c.AgencyCode).HasMaxLength(40);
    }
}

/// <summary>A code format and the first intake date it applies to (the era of the dossier's intake).</summary>
internal sealed record DossierCodeFormat(DateOnly ValidFrom, string Pattern);

internal sealed class DossierCodeOptions
{
    public const string Section = "MotCua:DossierCodes";

    /// <summary>
    /// Circular 01/2018/TT-VPCP Art. 19: agency identifier, receipt date YYMMDD, and a 4-digit
    /// sequence per agency per day, e.g. <c>000.00.12.H57-230815-0003</c>. Circular 04/2025/TT-VPCP keeps
    /// this shape for dossiers of the local one-stop desks; a deployment adds its own era here.
    /// Tokens: {agency}, {date:FORMAT}, {seq:FORMAT}.
    /// </summary>
    public List<DossierCodeFormat> Formats { get; set; } = [new(new DateOnly(2018, 1, 1), "{agency}-{date:yyMMdd}-{seq:0000}")];
}

/// <summary>
/// Gives out dossier codes. The sequence lives in the database and is taken by an atomic upsert in the
/// intake's own transaction: concurrent intakes on several nodes get distinct numbers, and a rolled-back
/// intake gives its number back, so the ledger has no gaps. The counter row of an agency's day is the one
/// row all its desks write, and its lock lasts until commit: callers take the code as the last step before
/// their insert batch, with everything else (validation, due date, reads) done before, and commit through
/// <see cref="CommitAsync"/>.
/// </summary>
internal sealed partial class DossierCodes(MotCuaDbContext db, DossierCodeOptions options)
{
    // One statement in one round trip (Npgsql sends the pending BEGIN with it). It runs as EF's relational command, which
    // skips the LINQ query pipeline on this hot path but keeps the command interceptors (the database metrics).
    private const string Upsert = """
        INSERT INTO "DossierCodeCounters" ("AgencyCode", "Day", "LastValue") VALUES ({0}, {1}, 1)
        ON CONFLICT ("AgencyCode", "Day") DO UPDATE SET "LastValue" = "DossierCodeCounters"."LastValue" + 1
        RETURNING "LastValue"
        """;

    // PostgreSQL: the transaction that holds the counter row commits without waiting for its WAL to reach the disk, so the
    // row is free for the agency's next intake at once rather than after a disk flush. See CommitAsync for durability.
    private const string AsyncCommit = "SET LOCAL synchronous_commit TO off;";

    // A transactional WAL record committed synchronously: it returns once the WAL up to it, and so every commit before it, is
    // on disk. Concurrent waiters share one flush (group commit).
    private const string AwaitFlush = "SELECT pg_logical_emit_message(true, 'motcua', 'intake')";

    public async Task<string> NextAsync(string agencyCode, DateOnly day, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A dossier code is taken inside the transaction that saves the dossier.");
        }

        var value = await ScalarAsync(db.Database.IsNpgsql() ? AsyncCommit + Upsert : Upsert, [agencyCode, day], cancellationToken);
        return Format(agencyCode, day, Convert.ToInt32(value, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Commits the transaction that took a code, and returns once it is durable. On PostgreSQL the commit itself does not wait
    /// for the disk (the counter row's lock ends with it); a synchronous commit right after waits for the flush of the WAL up
    /// to it. WAL is written in order, so a later code is never on disk without the earlier ones: the ledger stays gap-free
    /// after a crash, and no code is answered to a desk before it is durable.
    /// </summary>
    public async Task CommitAsync(IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        // Not cancelled once sent: a COMMIT cut off by a client that went away has an outcome the app cannot know (the server
        // may have committed), and EF reports it as a failed transaction. It is one short round trip; the flush wait may be cut.
        await transaction.CommitAsync(CancellationToken.None);
        if (db.Database.IsNpgsql())
        {
            await ScalarAsync(AwaitFlush, [], cancellationToken);
        }
    }

    private async Task<object?> ScalarAsync(string sql, object[] parameters, CancellationToken cancellationToken)
    {
        var command = db.GetService<IRawSqlCommandBuilder>().Build(sql, parameters);
        return await command.RelationalCommand.ExecuteScalarAsync(
            new RelationalCommandParameterObject(db.GetService<IRelationalConnection>(), command.ParameterValues, null, db,
                db.GetService<IRelationalCommandDiagnosticsLogger>()),
            cancellationToken);
    }

    public string Format(string agencyCode, DateOnly day, int sequence)
    {
        var format = options.Formats.Where(f => f.ValidFrom <= day).MaxBy(f => f.ValidFrom)
            ?? throw new InvalidOperationException($"No dossier code format is configured for {day:yyyy-MM-dd}.");
        return Token().Replace(format.Pattern, match => match.Groups["name"].Value switch
        {
            "agency" => agencyCode,
            "date" => day.ToString(match.Groups["format"].Success ? match.Groups["format"].Value : "yyMMdd", CultureInfo.InvariantCulture),
            "seq" => sequence.ToString(match.Groups["format"].Success ? match.Groups["format"].Value : "0000", CultureInfo.InvariantCulture),
            _ => match.Value,
        });
    }

    [GeneratedRegex(@"\{(?<name>[a-z]+)(:(?<format>[^}]+))?\}")]
    private static partial Regex Token();
}
