using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MotCua.Web.Payments;

internal enum ReceiptStatus
{
    Issued,

    /// <summary>Cancelled (hủy): the number stays used and the receipt stays in the register, with the reason.</summary>
    Cancelled,

    /// <summary>Replaced (thay thế) by a new receipt that names it.</summary>
    Replaced,
}

/// <summary>
/// An e-receipt for fees and charges (biên lai điện tử thu phí, lệ phí). Decree 123/2020/NĐ-CP Art. 30–32 (as amended by
/// Decree 70/2025/NĐ-CP of 20/3/2025, in force 1/6/2025) and Circular 78/2021/TT-BTC (replaced by Circular 32/2025/TT-BTC of
/// 31/5/2025, in force 1/6/2025):
/// a receipt carries its template symbol (ký hiệu mẫu biên lai) and series (ký hiệu biên lai), and its number runs
/// sequentially within a series and year. A cancelled or replaced receipt keeps its row; a replacement names the one it replaces.
/// <see cref="Data"/> is the receipt's XML as signed; <see cref="Signature"/> the unit's detached signature over it.
/// </summary>
internal sealed class EReceipt
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PaymentId { get; init; }
    public Guid DossierId { get; init; }
    public required string DossierCode { get; init; }
    public int UnitId { get; init; }
    public required string UnitPath { get; init; }
    public required string Template { get; init; }
    public required string Series { get; init; }
    public int Year { get; init; }
    public int Number { get; init; }
    public DateTime IssuedAt { get; init; }
    public required string Payer { get; init; }
    public long Amount { get; init; }
    public required string Data { get; init; }
    public string? Signature { get; set; }
    public string? SignedBy { get; set; }
    public ReceiptStatus Status { get; private set; }
    public string? StatusReason { get; private set; }
    public DateTime? StatusAt { get; private set; }
    public Guid? ReplacesId { get; init; }
    public int Version { get; private set; }

    /// <summary>The number as printed: seven digits (Decree 123/2020 Art. 32, "số biên lai": up to 7 digits).</summary>
    public string Printed => Number.ToString("0000000", System.Globalization.CultureInfo.InvariantCulture);

    public bool Cancel(string reason, DateTime at, bool replaced)
    {
        if (Status != ReceiptStatus.Issued)
        {
            return false;
        }

        Status = replaced ? ReceiptStatus.Replaced : ReceiptStatus.Cancelled;
        StatusReason = reason;
        StatusAt = at;
        Version++;
        return true;
    }
}

/// <summary>The last number given out per unit, template, series and year: taken by an atomic upsert in the collecting transaction.</summary>
internal sealed class ReceiptCounter
{
    public int UnitId { get; init; }
    public required string Series { get; init; }
    public int Year { get; init; }
    public int LastValue { get; init; }
}

internal sealed class EReceiptConfiguration : IEntityTypeConfiguration<EReceipt>
{
    public void Configure(EntityTypeBuilder<EReceipt> builder)
    {
        builder.ToTable("EReceipts");
        builder.Property(r => r.DossierCode).HasMaxLength(60);
        builder.Property(r => r.UnitPath).HasMaxLength(400);
        builder.Property(r => r.Template).HasMaxLength(20);
        builder.Property(r => r.Series).HasMaxLength(20);
        builder.Property(r => r.Payer).HasMaxLength(200);
        builder.Property(r => r.Data).HasColumnType("text");
        builder.Property(r => r.Signature).HasColumnType("text");
        builder.Property(r => r.SignedBy).HasMaxLength(400);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(12);
        builder.Property(r => r.StatusReason).HasMaxLength(500);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Ignore(r => r.Printed);
        builder.HasIndex(r => new { r.UnitId, r.Series, r.Year, r.Number }).IsUnique();
        builder.HasIndex(r => new { r.UnitPath, r.IssuedAt });
        builder.HasIndex(r => r.PaymentId);
    }
}

internal sealed class ReceiptCounterConfiguration : IEntityTypeConfiguration<ReceiptCounter>
{
    public void Configure(EntityTypeBuilder<ReceiptCounter> builder)
    {
        builder.ToTable("ReceiptCounters");
        builder.HasKey(c => new { c.UnitId, c.Series, c.Year });
        builder.Property(c => c.Series).HasMaxLength(20);
    }
}
