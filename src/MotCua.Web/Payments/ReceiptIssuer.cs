using System.Globalization;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MotCua.Web.Dossiers;
using MotCua.Web.Platform.Http;
using MotCua.Web.Platform.Signing;

namespace MotCua.Web.Payments;

/// <summary>
/// Issues e-receipts. The number is taken by an atomic upsert on the unit's counter of the series and year, in the collecting
/// transaction: concurrent collections on several nodes get distinct numbers, and a rolled-back collection gives its number
/// back, so the series has no gap (Decree 123/2020/NĐ-CP Art. 32: receipts are numbered in sequence within a series).
/// The counter row holds its lock until commit, so callers take the number as late as they can.
/// </summary>
internal sealed class ReceiptIssuer(MotCuaDbContext db, IOptions<PaymentOptions> options, IDataSigner signer, IStringLocalizer<SigningResource> signing)
{
    private const string Upsert = """
        INSERT INTO "ReceiptCounters" ("UnitId", "Series", "Year", "LastValue") VALUES ({0}, {1}, {2}, 1)
        ON CONFLICT ("UnitId", "Series", "Year") DO UPDATE SET "LastValue" = "ReceiptCounters"."LastValue" + 1
        RETURNING "LastValue"
        """;

    public async Task<EReceipt> IssueAsync(Dossier dossier, Payment payment, IReadOnlyList<DossierCharge> lines, DateTime at, CancellationToken cancellationToken,
        Guid? replaces = null)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A receipt number is taken inside the transaction that saves the receipt.");
        }

        var unit = await db.Units.AsNoTracking().Where(u => u.Id == dossier.ReceivingUnitId).Select(u => new { u.Code, u.Name }).FirstAsync(cancellationToken);
        var year = DossierTime.VietnamDate(at).Year;
        var series = options.Value.SeriesFor(year);
        var lineTotal = lines.Sum(l => l.Due);
        var number = Convert.ToInt32(await ScalarAsync(Upsert, [dossier.ReceivingUnitId, series, year], cancellationToken), CultureInfo.InvariantCulture);
        var receipt = new EReceipt
        {
            PaymentId = payment.Id,
            DossierId = dossier.Id,
            DossierCode = dossier.Code!,
            UnitId = dossier.ReceivingUnitId,
            UnitPath = dossier.ReceivingUnitPath,
            Template = options.Value.Template,
            Series = series,
            Year = year,
            Number = number,
            IssuedAt = at,
            Payer = dossier.Owner.Name,
            Amount = lineTotal,
            ReplacesId = replaces,
            Data = Xml(options.Value.Template, series, number, at, unit.Code, unit.Name, dossier, lines, payment.Method),
        };
        // The receipt data is signed with the collecting unit's certificate (Decree 123/2020 Art. 32: the collecting organisation's
        // digital signature). Should signing fail, nothing is kept: the collection rolls back and the desk is told why.
        try
        {
            var signature = await signer.SignDetachedAsync(unit.Code, System.Text.Encoding.UTF8.GetBytes(receipt.Data), cancellationToken);
            receipt.Signature = Convert.ToBase64String(signature.Der);
            receipt.SignedBy = signature.Signer.Subject;
        }
        catch (SigningException failure)
        {
            db.ChangeTracker.Clear();
            throw new ProblemException(503, "receipt-not-signed", "Payments.NotSigned", null, null, signing["SigningFailure." + failure.Failure].Value);
        }

        db.EReceipts.Add(receipt);
        return receipt;
    }

    /// <summary>
    /// The receipt's data. The element names follow the tax authority's XML data format for e-invoices and e-receipts
    /// (Decision 1450/QĐ-TCT of 7/10/2021 on the data format, as updated for Decree 70/2025/NĐ-CP; check the receipt schema
    /// the unit registered): general data (TTChung: template, series, number, date), content (NDBLai: collecting unit,
    /// payer, lines, total). The content Decree 123/2020 Art. 32 requires: name of the fee, amount, payer, collecting unit, date.
    /// </summary>
    private static string Xml(string template, string series, int number, DateTime at, string unitCode, string unitName, Dossier dossier,
        IReadOnlyList<DossierCharge> lines, PaymentMethod method) =>
        new XElement("BLai",
            new XElement("DLBLai",
                new XElement("TTChung",
                    new XElement("PBan", "2.0.0"),
                    new XElement("THDon", "Biên lai thu phí, lệ phí"),
                    new XElement("KHMSBLai", template),
                    new XElement("KHBLai", series),
                    new XElement("SBLai", number.ToString("0000000", CultureInfo.InvariantCulture)),
                    new XElement("NLap", DossierTime.VietnamDate(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    new XElement("DVTTe", "VND"),
                    new XElement("HTTToan", method switch
                    {
                        PaymentMethod.Cash => "Tiền mặt",
                        PaymentMethod.Card => "Thẻ",
                        PaymentMethod.Transfer => "Chuyển khoản",
                        PaymentMethod.Online => "Thanh toán trực tuyến",
                        PaymentMethod.StateBudget => "Nộp ngân sách nhà nước",
                    })),
                new XElement("NDBLai",
                    new XElement("NThu", new XElement("Ten", unitName), new XElement("MDVQHNSach", unitCode)),
                    new XElement("NNop", new XElement("Ten", dossier.Owner.Name), new XElement("SDDanh", dossier.Owner.IdNumber),
                        new XElement("DChi", dossier.Owner.Address)),
                    new XElement("MHSo", dossier.Code),
                    new XElement("DSKhoan", lines.Select((line, i) => new XElement("Khoan",
                        new XElement("STT", i + 1),
                        new XElement("Ten", line.Name),
                        new XElement("Loai", line.Kind == ChargeKind.Phi ? "Phí" : "Lệ phí"),
                        new XElement("MucThu", line.ScheduledAmount),
                        line.Reduction > 0 ? new XElement("MienGiam", line.Reduction, new XAttribute("LyDo", line.ReductionReason ?? "")) : null,
                        new XElement("ThTien", line.Due)))),
                    new XElement("TToan", new XElement("TgTTTBSo", lines.Sum(l => l.Due)))))).ToString(SaveOptions.DisableFormatting);

    private async Task<object?> ScalarAsync(string sql, object[] parameters, CancellationToken cancellationToken)
    {
        var command = db.GetService<IRawSqlCommandBuilder>().Build(sql, parameters);
        return await command.RelationalCommand.ExecuteScalarAsync(
            new RelationalCommandParameterObject(db.GetService<IRelationalConnection>(), command.ParameterValues, null, db,
                db.GetService<IRelationalCommandDiagnosticsLogger>()),
            cancellationToken);
    }
}
