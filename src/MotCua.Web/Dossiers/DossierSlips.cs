using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Calendar;
using MotCua.Web.Catalog;
using MotCua.Web.Forms;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Dossiers;

internal enum SlipKind
{
    /// <summary>Giấy tiếp nhận hồ sơ và hẹn trả kết quả (form 01).</summary>
    Receipt,

    /// <summary>Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (form 02).</summary>
    Guidance,

    /// <summary>Phiếu từ chối tiếp nhận giải quyết hồ sơ (form 03).</summary>
    Refusal,
}

/// <summary>
/// Fills the legal intake forms from a dossier. The form set follows the era of the intake date:
/// Circular 01/2018/TT-VPCP for dossiers received until 30/6/2025, Circular 03/2025/TT-VPCP (Annex I)
/// from 1/7/2025. Forms 01–03 carry the same content in both sets.
/// </summary>
internal sealed class DossierSlips(MotCuaDbContext db)
{
    internal static readonly DateOnly Circular03Era = new(2025, 7, 1);

    public static string Route(SlipKind kind) => kind switch
    {
        SlipKind.Receipt => "tiep-nhan",
        SlipKind.Guidance => "huong-dan",
        SlipKind.Refusal => "tu-choi",
    };

    public static SlipKind? Parse(string route) => route switch
    {
        "tiep-nhan" => SlipKind.Receipt,
        "huong-dan" => SlipKind.Guidance,
        "tu-choi" => SlipKind.Refusal,
        _ => null,
    };

    /// <summary>The slip, or null when the dossier's state has no such slip (a refused dossier has no receipt).</summary>
    public async Task<Slip?> BuildAsync(Dossier dossier, SlipKind kind, string officerName, string trackingUrl, CancellationToken cancellationToken)
    {
        var allowed = kind switch
        {
            SlipKind.Receipt => dossier.Code is not null,
            // A supplement asked during processing keeps its form once the documents arrived: it is part of the dossier's record.
            SlipKind.Guidance => dossier.State is DossierState.Guided or DossierState.AwaitingCompletion || dossier.LastSupplement is not null,
            SlipKind.Refusal => dossier.State == DossierState.Refused,
        };
        if (!allowed)
        {
            return null;
        }

        var desk = await db.Units.AsNoTracking().Where(u => u.Id == dossier.ReceivingUnitId).Select(u => u.Name).FirstAsync(cancellationToken);
        var when = VietnamTime.FromUtc(dossier.ReceivedAt ?? dossier.CreatedAt);
        var era = DateOnly.FromDateTime(when.DateTime) < Circular03Era ? "Thông tư số 01/2018/TT-VPCP" : "Thông tư số 03/2025/TT-VPCP";
        var owner = dossier.Owner;
        var party = new List<SlipLine>
        {
            new("Tiếp nhận hồ sơ của:", owner.Name + (dossier.Submitter is { } s ? $" (người nộp: {s.Name})" : "")),
            new("Địa chỉ:", owner.Address),
            new("Số điện thoại:", owner.Phone ?? "—"),
            new("Email:", owner.Email ?? "—"),
            new("Số giấy tờ tùy thân:", owner.IdNumber),
            new("Nội dung yêu cầu giải quyết:", dossier.Summary ?? dossier.ProcedureName),
        };
        var issuer = new[] { desk.ToUpper(CultureInfo.GetCultureInfo("vi-VN")), "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ" };
        var components = new SlipTable(
            ["TT", "Tên giấy tờ", "Bản chính", "Bản sao chứng thực", "Bản sao"],
            [1, 8, 2, 2, 2],
            dossier.Components.Select((c, i) => (IReadOnlyList<string>)[Number(i + 1), c.Name, Number(c.Originals), Number(c.CertifiedCopies), Number(c.Copies)]).ToList());
        return kind switch
        {
            SlipKind.Receipt => await ReceiptAsync(dossier, issuer, era, party, components, officerName, trackingUrl, cancellationToken),
            SlipKind.Guidance => new Slip(
                $"Mẫu số 02 ({era})", issuer, "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", dossier.Code is null ? null : "Mã hồ sơ: " + dossier.Code,
                [.. party, new("Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:", "")],
                null,
                [
                    new("", (dossier.State is DossierState.Guided or DossierState.AwaitingCompletion ? null : dossier.LastSupplement?.Reason) ?? dossier.Reason ?? ""),
                    new("", "Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, ông/bà liên hệ " + officerName + " để được hướng dẫn."),
                    new("Ngày:", GuidedAt(dossier, when).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)),
                ],
                [new SlipSignature("NGƯỜI HƯỚNG DẪN", "(Ký và ghi rõ họ tên)", officerName)],
                null, null),
            SlipKind.Refusal => new Slip(
                $"Mẫu số 03 ({era})", issuer, "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", null,
                party,
                null,
                [
                    new("", "Qua xem xét, Bộ phận tiếp nhận và trả kết quả thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:"),
                    new("", dossier.Reason ?? ""),
                    new("", "Xin thông báo để ông/bà được biết và thực hiện."),
                    new("Ngày:", when.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)),
                ],
                [new SlipSignature("NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)", officerName)],
                null, null),
        };
    }

    private async Task<Slip> ReceiptAsync(Dossier dossier, string[] issuer, string era, List<SlipLine> party, SlipTable components, string officerName,
        string trackingUrl, CancellationToken cancellationToken)
    {
        var time = await db.ProcedureVersions.AsNoTracking().Where(v => v.Id == dossier.ProcedureVersionId)
            .SelectMany(v => v.Times).Where(t => t.Channel == dossier.Channel || t.Channel == Channel.Counter)
            .OrderBy(t => t.Channel == dossier.Channel ? 0 : 1)
            .Select(t => new { t.Amount, t.Unit })
            .FirstOrDefaultAsync(cancellationToken);
        var sequence = dossier.Code![(dossier.Code!.LastIndexOf('-') + 1)..];
        return new Slip(
            $"Mẫu số 01 ({era})", issuer, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "Mã hồ sơ: " + dossier.Code,
            party,
            components,
            [
                new("Số lượng hồ sơ:", Number(dossier.Sets) + " (bộ)"),
                new("Thời gian giải quyết hồ sơ theo quy định:", time is null ? "—" : Number(time.Amount) + " " + UnitText(time.Unit)),
                new("Thời gian nhận hồ sơ:", Moment(dossier.ReceivedAt!.Value)),
                new("Thời gian trả kết quả giải quyết hồ sơ:", Moment(dossier.DueAt!.Value)),
                new("Đăng ký nhận kết quả tại:", dossier.ReturnByPost ? "qua dịch vụ bưu chính công ích" : "Bộ phận tiếp nhận và trả kết quả"),
                new("Vào Sổ theo dõi hồ sơ, số thứ tự:", sequence),
                new("Tra cứu hồ sơ:", trackingUrl + " — mã kiểm tra: " + dossier.TrackingSecret),
            ],
            [new SlipSignature("NGƯỜI NỘP HỒ SƠ", "(Ký và ghi rõ họ tên)", dossier.Submitter?.Name ?? dossier.Owner.Name), new SlipSignature("NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)", officerName)],
            trackingUrl,
            dossier.Code);
    }

    private static string Number(int value) => value.ToString("N0", CultureInfo.GetCultureInfo("vi-VN"));

    private static string UnitText(TimeUnit unit) => unit switch
    {
        TimeUnit.WorkingDays => "ngày làm việc",
        TimeUnit.HalfDays => "buổi làm việc",
        TimeUnit.WorkingHours => "giờ làm việc",
        TimeUnit.CalendarDays => "ngày",
    };

    /// <summary>A supplement asked for during processing is dated the day it was asked, not the day of receipt.</summary>
    private static DateTimeOffset GuidedAt(Dossier dossier, DateTimeOffset received) =>
        dossier.State is not (DossierState.Guided or DossierState.AwaitingCompletion) && dossier.LastSupplement is { } asked ? VietnamTime.FromUtc(asked.From) : received;

    /// <summary>"16 giờ 55 phút, ngày 13/03/2026", as the forms write it.</summary>
    public static string Moment(DateTime utc)
    {
        var local = VietnamTime.FromUtc(utc);
        return string.Create(CultureInfo.InvariantCulture, $"{local.Hour} giờ {local.Minute:00} phút, ngày {local:dd/MM/yyyy}");
    }
}
