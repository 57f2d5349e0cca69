using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Calendar;
using MotCua.Web.Dossiers;
using MotCua.Web.Forms;
using MotCua.Web.Platform.Database;
using MotCua.Web.Units;

namespace MotCua.Web.Workflow;

internal enum ProcessingSlipKind
{
    /// <summary>Form 04: apology and new appointment (2018), apology and request to extend (2025).</summary>
    Apology,

    /// <summary>Process control slip: form 05 of Circular 01/2018, form 06 of Circular 03/2025.</summary>
    ControlSlip,

    /// <summary>Form 05 of Circular 03/2025: notice of stopping processing at the applicant's request.</summary>
    StopNotice,
}

/// <summary>
/// The forms of processing, filled from the dossier and its hand-offs and printed by the slip machinery (HTML and
/// PDF). The set follows the era of the receipt date, as for forms 01–03: Circular 01/2018/TT-VPCP until 30/6/2025,
/// Circular 03/2025/TT-VPCP (Annex I) from 1/7/2025; the stop notice exists only in the 2025 set.
/// </summary>
internal sealed class ProcessingSlips(MotCuaDbContext db, DossierSteps steps)
{
    public static string Route(ProcessingSlipKind kind) => kind switch
    {
        ProcessingSlipKind.Apology => "xin-loi",
        ProcessingSlipKind.ControlSlip => "kiem-soat",
        ProcessingSlipKind.StopNotice => "dung-xu-ly",
    };

    public static ProcessingSlipKind? Parse(string route) =>
        Enum.GetValues<ProcessingSlipKind>().Cast<ProcessingSlipKind?>().FirstOrDefault(k => Route(k!.Value) == route);

    /// <summary>The slip, or null when the dossier has none of that kind (no apology issued, not stopped).</summary>
    public async Task<Slip?> BuildAsync(Dossier dossier, ProcessingSlipKind kind, CancellationToken cancellationToken)
    {
        if (dossier.Code is null || kind switch
        {
            ProcessingSlipKind.Apology => dossier.ExtendedAt is null,
            ProcessingSlipKind.ControlSlip => false,
            ProcessingSlipKind.StopNotice => dossier.State != DossierState.Stopped,
        })
        {
            return null;
        }

        var recent = DateOnly.FromDateTime(VietnamTime.FromUtc(dossier.ReceivedAt!.Value).DateTime) >= DossierSlips.Circular03Era;
        var era = recent ? "Thông tư số 03/2025/TT-VPCP" : "Thông tư số 01/2018/TT-VPCP";
        var units = await db.Units.AsNoTracking().Where(u => u.Path == dossier.HandlingUnitPath || u.Path == dossier.ReceivingUnitPath
                || (dossier.TransferUnitPath != null && u.Path == dossier.TransferUnitPath))
            .ToDictionaryAsync(u => u.Path, u => u.Name, StringComparer.Ordinal, cancellationToken);
        var handling = units.GetValueOrDefault(dossier.HandlingUnitPath, UnitPath.Code(dossier.HandlingUnitPath));
        var issuer = new[] { handling.ToUpper(CultureInfo.GetCultureInfo("vi-VN")) };
        return kind switch
        {
            ProcessingSlipKind.Apology => await ApologyAsync(dossier, recent, era, issuer, handling, cancellationToken),
            ProcessingSlipKind.ControlSlip => await ControlSlipAsync(dossier, recent, era, units, handling, cancellationToken),
            ProcessingSlipKind.StopNotice => await StopNoticeAsync(dossier, issuer, cancellationToken),
        };
    }

    private async Task<Slip> ApologyAsync(Dossier dossier, bool recent, string era, string[] issuer, string handling, CancellationToken cancellationToken)
    {
        var domain = await db.Domains.AsNoTracking().Where(d => d.Code == dossier.DomainCode).Select(d => d.Name).FirstOrDefaultAsync(cancellationToken);
        var head = await SignerAsync(dossier, "dossier.extended", cancellationToken);
        return new Slip(
            $"Mẫu số 04 ({era})", issuer,
            recent ? "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT HỒ SƠ" : "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", null,
            [
                new("Kính gửi:", dossier.Owner.Name),
                new("", $"Ngày {Date(dossier.ReceivedAt)}, {handling} tiếp nhận hồ sơ đề nghị giải quyết thủ tục hành chính: {dossier.ProcedureName}."),
                new("Lĩnh vực:", domain ?? "—"),
                new("Mã hồ sơ:", dossier.Code!),
                new("Ngày hẹn trả kết quả giải quyết hồ sơ:", DossierSlips.Moment(dossier.OriginalDueAt!.Value)),
                new("Lý do chậm trả kết quả:", dossier.ExtensionReason ?? ""),
                new("", $"Sự chậm trễ này đã gây phiền hà cho ông/bà. {handling} xin lỗi ông/bà và sẽ trả kết quả giải quyết hồ sơ vào: "
                    + DossierSlips.Moment(dossier.DueAt!.Value) + "."),
                new("", "Xin trân trọng cảm ơn sự hợp tác của ông/bà."),
                new("Ngày:", Date(dossier.ExtendedAt)),
            ],
            null, [],
            [new SlipSignature("THỦ TRƯỞNG CƠ QUAN", "(Ký, ghi rõ họ tên và đóng dấu)", head)],
            null, null);
    }

    private async Task<Slip> ControlSlipAsync(Dossier dossier, bool recent, string era, Dictionary<string, string> units, string handling,
        CancellationToken cancellationToken)
    {
        var process = await steps.StepsAsync(dossier, cancellationToken);
        var offices = process.Select(s => s.OfficePath).Distinct().ToList();
        foreach (var office in await db.Units.AsNoTracking().Where(u => offices.Contains(u.Path)).Select(u => new { u.Path, u.Name }).ToListAsync(cancellationToken))
        {
            units[office.Path] = office.Name;
        }

        var receivers = dossier.Handoffs.Select(h => h.ToUserId).OfType<Guid>().Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => receivers.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, cancellationToken);
        var desk = units.GetValueOrDefault(dossier.ReceivingUnitPath, UnitPath.Code(dossier.ReceivingUnitPath)) + " (Bộ phận Một cửa)";
        string Side(int? order) => process.FirstOrDefault(s => s.Order == order) is { } step
            ? $"{units.GetValueOrDefault(step.OfficePath, UnitPath.Code(step.OfficePath))} — {step.Name}"
            : desk;
        var handoffs = dossier.Handoffs.OrderBy(h => h.Id).Select(h => (h.At, Cells: (IReadOnlyList<string>)
        [
            $"{Side(h.FromStep)}: {h.FromName}",
            Side(h.ToStep) + (h.ToUserId is { } to && people.TryGetValue(to, out var name) ? ": " + name : ""),
            DossierSlips.Moment(h.At),
            Timeliness(h.Timeliness),
            Kind(h.Kind) + (h.Note is null ? "" : ": " + h.Note),
        ]));
        var paid = await Payments.PaymentRows.ForSlipAsync(db, dossier.Id, desk, cancellationToken);
        var rows = handoffs.Concat(Waits(dossier, handling)).Concat(Milestones(dossier, handling, desk)).Concat(paid).OrderBy(r => r.At)
            .Select((r, i) => (IReadOnlyList<string>)[(i + 1).ToString(CultureInfo.InvariantCulture), .. r.Cells]).ToList();
        var coordinating = process.Where(s => s.InterAgency).Select(s => units.GetValueOrDefault(s.OfficePath, UnitPath.Code(s.OfficePath))).Distinct().ToList();
        return new Slip(
            recent ? $"Mẫu số 06 ({era})" : $"Mẫu số 05 ({era})",
            [units.GetValueOrDefault(dossier.ReceivingUnitPath, UnitPath.Code(dossier.ReceivingUnitPath)).ToUpper(CultureInfo.GetCultureInfo("vi-VN")), "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"],
            "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "Mã hồ sơ: " + dossier.Code,
            [
                new("", "(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả)"),
                new("Cơ quan (bộ phận) giải quyết hồ sơ:", handling),
                new("Cơ quan phối hợp giải quyết hồ sơ:", coordinating.Count == 0 ? "—" : string.Join("; ", coordinating)),
                new("Thời gian tiếp nhận:", DossierSlips.Moment(dossier.ReceivedAt!.Value)),
                new("Thời gian hẹn trả kết quả:", DossierSlips.Moment(dossier.OriginalDueAt!.Value)
                    + (dossier.ExtendedAt is null ? "" : " (hẹn lại: " + DossierSlips.Moment(dossier.DueAt!.Value) + ")")),
            ],
            new SlipTable(["TT", "Bên giao", "Bên nhận", "Thời gian giao, nhận", "Kết quả (trước hạn / đúng hạn / quá hạn)", "Ghi chú"], [1, 5, 5, 4, 3, 4], rows),
            [new("Kết quả giải quyết hồ sơ:", dossier.Timeliness is { } t ? Timeliness(t) : "đang giải quyết")],
            [],
            null, null);
    }

    /// <summary>
    /// The waits for the applicant, in the same table as the hand-offs: each interval in which the clock stopped (a supplement,
    /// or a payment that stops it), and a payment whose time counts (<see cref="Catalog.ProcedureVersion.PaymentTimeCounts"/>). Every
    /// payment itself is a row of its own (<see cref="Payments.PaymentRows"/>).
    /// </summary>
    private static IEnumerable<(DateTime At, IReadOnlyList<string> Cells)> Waits(Dossier dossier, string handling)
    {
        const string Applicant = "Người nộp hồ sơ";
        foreach (var wait in dossier.Suspensions)
        {
            yield return (wait.From, [handling, Applicant, DossierSlips.Moment(wait.From), "—", "Tạm dừng tính thời gian giải quyết: " + wait.Reason]);
            if (wait.To is { } back)
            {
                yield return (back, [Applicant, handling, DossierSlips.Moment(back), "—", "Tiếp tục giải quyết; thời gian chờ không tính"]);
            }
        }

        if (dossier.PaymentRequestedAt is { } asked && !dossier.Suspensions.Any(s => s.From == asked))
        {
            yield return (asked, [handling, Applicant, DossierSlips.Moment(asked), "—", "Thực hiện nghĩa vụ tài chính: " + dossier.PaymentFor + "; thời gian vẫn tính"]);
            if (dossier.PaidAt is { } paid)
            {
                yield return (paid, [Applicant, handling, DossierSlips.Moment(paid), "—", "Đã thực hiện nghĩa vụ tài chính"]);
            }
        }
    }

    /// <summary>The apology with its new appointment (form 04), and the return of the result to the applicant.</summary>
    private static IEnumerable<(DateTime At, IReadOnlyList<string> Cells)> Milestones(Dossier dossier, string handling, string desk)
    {
        const string Applicant = "Người nộp hồ sơ";
        if (dossier.ExtendedAt is { } apologised)
        {
            yield return (apologised, [handling, Applicant, DossierSlips.Moment(apologised), "—",
                $"Xin lỗi và hẹn lại ngày trả kết quả: {DossierSlips.Moment(dossier.DueAt!.Value)}; lý do: {dossier.ExtensionReason}"]);
        }

        if (dossier.ReturnedAt is { } returned)
        {
            yield return (returned, [desk, Applicant, DossierSlips.Moment(returned), Timeliness(dossier.Timeliness), dossier.ReturnedBy switch
            {
                ReturnMethod.Counter => "Trả kết quả tại Bộ phận Một cửa",
                ReturnMethod.Post => "Trả kết quả qua dịch vụ bưu chính công ích",
                ReturnMethod.Online => "Trả kết quả trực tuyến",
                null => "Trả kết quả",
            }]);
        }
    }

    private async Task<Slip> StopNoticeAsync(Dossier dossier, string[] issuer, CancellationToken cancellationToken)
    {
        var signer = await SignerAsync(dossier, "dossier.stopped", cancellationToken);
        return new Slip(
            "Mẫu số 05 (Thông tư số 03/2025/TT-VPCP)", issuer, "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", "Mã hồ sơ: " + dossier.Code,
            [
                new("Kính gửi:", dossier.Owner.Name),
                new("Địa chỉ:", dossier.Owner.Address),
                new("", $"Ngày {Date(dossier.ReceivedAt)}, cơ quan tiếp nhận hồ sơ đề nghị giải quyết thủ tục hành chính: {dossier.ProcedureName}."),
                new("", "Theo đề nghị của ông/bà, cơ quan dừng giải quyết hồ sơ nêu trên kể từ " + DossierSlips.Moment(dossier.ClosedAt!.Value) + "."),
                new("Lý do:", dossier.Reason ?? ""),
                new("", "Hồ sơ và giấy tờ đã nộp (nếu có) được trả lại tại nơi tiếp nhận. Xin thông báo để ông/bà được biết."),
            ],
            null, [],
            [new SlipSignature("THỦ TRƯỞNG CƠ QUAN", "(Ký, ghi rõ họ tên và đóng dấu)", signer)],
            null, null);
    }

    /// <summary>Who recorded the action the form reports, from the history.</summary>
    private Task<string?> SignerAsync(Dossier dossier, string action, CancellationToken cancellationToken) =>
        db.AuditEvents.AsNoTracking().Where(e => e.StreamId == "Dossier:" + dossier.Id && e.Action == action).OrderByDescending(e => e.Sequence)
            .Select(e => e.ActorName).FirstOrDefaultAsync(cancellationToken);

    private static string Date(DateTime? utc) => utc is { } value ? VietnamTime.FromUtc(value).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : "—";

    private static string Timeliness(Timeliness? timeliness) => timeliness switch
    {
        Calendar.Timeliness.Early => "Trước hạn",
        Calendar.Timeliness.OnTime => "Đúng hạn",
        Calendar.Timeliness.Late => "Quá hạn",
        null => "—",
    };

    private static string Kind(HandoffKind kind) => kind switch
    {
        HandoffKind.Start => "Chuyển xử lý",
        HandoffKind.Forward => "Chuyển bước",
        HandoffKind.SendBack => "Trả lại",
        HandoffKind.ToDesk => "Trả kết quả về Bộ phận Một cửa",
        HandoffKind.Transfer => "Chuyển liên thông",
        HandoffKind.TransferAccepted => "Nhận liên thông",
        HandoffKind.TransferRejected => "Từ chối liên thông",
        HandoffKind.Assign => "Phân công xử lý",
        HandoffKind.Reassign => "Giao lại cho cán bộ khác",
    };
}
