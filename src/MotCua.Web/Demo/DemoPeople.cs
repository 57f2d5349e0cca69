using System.Globalization;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;

namespace MotCua.Web.Demo;

/// <summary>Names, documents and addresses for generated dossiers: common Vietnamese names, made-up numbers.</summary>
internal static class DemoPeople
{
    private static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
    private static readonly string[] MiddleNames = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Xuân", "Thu"];
    private static readonly string[] GivenNames = ["An", "Bình", "Cường", "Dung", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Lan", "Linh", "Long", "Mai", "Nam", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vân", "Yến"];
    private static readonly string[] Villages = ["Thôn An Mỹ", "Thôn Hà Thanh", "Khu phố 1", "Khu phố 3", "Thôn Nhĩ Hạ", "Thôn Xuân Ngọc", "Thôn Tân Minh", "Thôn Duy Phiên"];
    private static readonly string[] Trades = ["Tạp hóa", "Cà phê", "Sửa xe", "Vật liệu xây dựng", "Hải sản", "May mặc"];

    public static Party Owner(Random random, string unitName, bool business)
    {
        var person = Pick(random, FamilyNames) + " " + Pick(random, MiddleNames) + " " + Pick(random, GivenNames);
        var address = Pick(random, Villages) + ", " + unitName.Replace("UBND ", "", StringComparison.Ordinal) + ", tỉnh Quảng Trị";
        var phone = "09" + random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        return business
            ? new Party("Hộ kinh doanh " + Pick(random, Trades) + " " + person, IdentityDocument.BusinessRegistration,
                "45H8" + random.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture), address, phone, null)
            : new Party(person, IdentityDocument.CitizenId, "045" + random.Next(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture), address, phone, null);
    }

    /// <summary>A tracking secret in the alphabet of <see cref="DossierTime.NewTrackingSecret"/>, from the generator.</summary>
    public static string Secret(Random random)
    {
        const string alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
        return string.Create(8, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[r.Next(alphabet.Length)];
            }
        });
    }

    /// <summary>An officer of a unit who has no demo account, named by the role.</summary>
    public static string Officer(StaffRole role, string unitName) => role switch
    {
        StaffRole.DeskOfficer => "Công chức Bộ phận Một cửa",
        StaffRole.Specialist => "Chuyên viên",
        StaffRole.Leader => "Lãnh đạo",
        _ => "Cán bộ",
    } + " (" + unitName + ")";

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
