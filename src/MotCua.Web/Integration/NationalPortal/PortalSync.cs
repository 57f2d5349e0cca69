using System.Globalization;
using System.Text.Json;
using MotCua.Web.Calendar;
using MotCua.Web.Dossiers;
using MotCua.Web.Integration.Outbox;

namespace MotCua.Web.Integration.NationalPortal;

/// <summary>One step of QuaTrinhXuLy: who did what, when, and the status it left.</summary>
internal sealed record PortalStep(string NguoiXuLy, string? ChucDanh, string ThoiDiemXuLy, string? PhongBanXuLy, string NoiDungXuLy, int TrangThai);

/// <summary>
/// A dossier as the portal's DongBoHoSoMC takes it. The members carry the portal's own field names (they are its protocol);
/// the mapping is documented field by field in docs/national-portal-mapping.md. Dates are <c>yyyyMMddHHmmss</c> in Vietnamese time.
/// DonViXuLy and TenLinhVuc are filled when the message is pushed (<see cref="NationalPortalClient"/>), from the unit and domain.
/// </summary>
internal sealed record PortalDossier(
    string MaHoSo,
    string SoBienNhan,
    string MaTTHC,
    string TenTTHC,
    string? MaLinhVuc,
    string? TenLinhVuc,
    int KenhThucHien,
    string ChuHoSo,
    int LoaiDoiTuong,
    string SoGiayToChuHoSo,
    string? Email,
    string? SoDienThoai,
    string? TrichYeuHoSo,
    string? NgayNopHoSo,
    string? NgayTiepNhan,
    string? NgayHenTra,
    int TrangThaiHoSo,
    string? NgayTra,
    int HinhThuc,
    string? NgayTuChoi,
    string? DonViXuLy,
    IReadOnlyList<PortalStep> QuaTrinhXuLy);

/// <summary>What the outbox row of a portal message holds: the dossier's snapshot at the change, and whether the portal already knows it.</summary>
internal sealed record PortalQueued(int UnitId, bool IsUpdating, PortalDossier Dossier);

/// <summary>
/// Decides which dossier changes go to the national portal and queues them through the outbox, in the commit step's
/// transaction (Circular 04/2025/TT-VPCP, from 25/01/2026: the one-stop systems connect to the portal and update a
/// dossier's data and status automatically as they change, in real time (check the exact article); before it,
/// Decree 42/2022/NĐ-CP and Circular 01/2018/TT-VPCP asked for the same sync). The portal knows a dossier by its code
/// (MaHoSo), so a dossier is pushed once it has one: the first push creates it there (isUpdating false), each later change
/// of its national status (TrangThaiHoSo) updates it. An online submission is pushed when the desk receives it and gives it
/// its code; one refused before that is not pushed (check: the portal's own online submissions carry the portal's code).
/// </summary>
internal static class PortalSync
{
    public const string TemplateNew = "DongBoHoSoMC.New";
    public const string TemplateUpdate = "DongBoHoSoMC.Update";
    public const string Recipient = "DVCQG";

    public static readonly JsonSerializerOptions Json = new();

    /// <summary>The topic that keeps one dossier's portal messages in order (not "Dossier:", the topic of its notices).</summary>
    public static string Topic(Guid dossierId) => TopicPrefix + dossierId.ToString("D");

    public static Guid DossierOf(string topic) => Guid.Parse(topic[TopicPrefix.Length..]);

    private const string TopicPrefix = "DVCQG:";

    /// <summary>
    /// The portal message this change calls for, if any. <paramref name="codeBefore"/> and <paramref name="stateBefore"/>
    /// are the dossier's values as loaded (null for a new dossier).
    /// </summary>
    public static IEnumerable<OutboxMessage> Messages(Dossier dossier, string? codeBefore, DossierState? stateBefore, Audit.Actor who, DateTime now)
    {
        if (dossier.Code is null)
        {
            yield break;
        }

        var isUpdating = codeBefore is not null;
        if (isUpdating && stateBefore is { } before && before.NationalCode() == dossier.State.NationalCode())
        {
            yield break;
        }

        var queued = new PortalQueued(dossier.HandlingUnitId, isUpdating, Snapshot(dossier, who, now));
        yield return new OutboxMessage
        {
            Channel = NotificationChannel.Portal,
            Recipient = Recipient,
            Subject = dossier.Code,
            Body = JsonSerializer.Serialize(queued, Json),
            Topic = Topic(dossier.Id),
            Template = isUpdating ? TemplateUpdate : TemplateNew,
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }

    private static PortalDossier Snapshot(Dossier dossier, Audit.Actor who, DateTime now)
    {
        var status = dossier.State.NationalCode();
        return new PortalDossier(
            MaHoSo: dossier.Code!,
            SoBienNhan: dossier.Code!,
            MaTTHC: dossier.ProcedureCode,
            TenTTHC: dossier.ProcedureName,
            MaLinhVuc: dossier.DomainCode,
            TenLinhVuc: null,
            KenhThucHien: dossier.Channel switch
            {
                Catalog.Channel.Counter => 1,
                Catalog.Channel.Online => 2,
                Catalog.Channel.Postal => 3,
            },
            ChuHoSo: dossier.Owner.Name,
            LoaiDoiTuong: (int)dossier.OwnerKind,
            SoGiayToChuHoSo: dossier.Owner.IdNumber,
            Email: dossier.Owner.Email,
            SoDienThoai: dossier.Owner.Phone,
            TrichYeuHoSo: dossier.Summary,
            NgayNopHoSo: Time(dossier.SubmittedAt ?? dossier.ReceivedAt),
            NgayTiepNhan: Time(dossier.ReceivedAt),
            NgayHenTra: Time(dossier.DueAt),
            TrangThaiHoSo: status,
            NgayTra: Time(dossier.ReturnedAt),
            HinhThuc: dossier.ReturnByPost ? 1 : 0,
            NgayTuChoi: status == 3 ? Time(dossier.ClosedAt) : null,
            DonViXuLy: null,
            QuaTrinhXuLy: [new PortalStep(who.Name, who.Role, Time(now)!, who.UnitCode, StatusNames[status], status)]);
    }

    /// <summary>A moment as the portal writes it: <c>yyyyMMddHHmmss</c>, Asia/Ho_Chi_Minh.</summary>
    public static string? Time(DateTime? utc) =>
        utc is { } moment ? VietnamTime.FromUtc(moment).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) : null;

    /// <summary>The names of the portal's status code list (TrangThaiHoSo), sent as the step's content.</summary>
    private static readonly Dictionary<int, string> StatusNames = new()
    {
        [1] = "Mới đăng ký",
        [2] = "Được tiếp nhận",
        [3] = "Không được tiếp nhận",
        [4] = "Đang xử lý",
        [5] = "Yêu cầu bổ sung giấy tờ",
        [6] = "Yêu cầu thực hiện nghĩa vụ tài chính",
        [7] = "Công dân yêu cầu rút hồ sơ",
        [8] = "Dừng xử lý",
        [9] = "Đã xử lý xong",
        [10] = "Đã trả kết quả",
    };
}
