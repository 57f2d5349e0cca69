using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Audit;
using MotCua.Web.Dossiers;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Oversight.Inspections;

/// <summary>
/// The demo province's inspection plan for the current year: four communes and two departments named, two rounds (an announced one about
/// three months ago, an unannounced one three weeks ago) covering four of them, their findings, and three corrections: one done on time, one
/// past its deadline and one still open. Dates follow today's Vietnam date; a round never falls before 1 January, so in the first weeks of a
/// year the corrections may all still be in time.
/// </summary>
internal sealed class SeedDemoInspections : IStartupData
{
    private const string Province = "000.00.00.H50";
    private const string GioLinh = "000.00.71.H50";
    private const string CuaViet = "000.00.72.H50";
    private const string TrieuPhong = "000.00.73.H50";
    private const string AiTu = "000.00.74.H50";
    private const string HomeAffairs = "000.00.03.H50";
    private const string Education = "000.00.04.H50";

    private static readonly string[] Checklist =
    [
        "Niêm yết, công khai thủ tục hành chính tại Bộ phận Một cửa",
        "Giải quyết hồ sơ đúng hạn, xin lỗi người dân khi trễ hạn",
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    ];

    public async Task StoreAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<MotCuaDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var today = DossierTime.VietnamDate(now);
        if (!services.GetRequiredService<DatabaseOptions>().SeedDemoData)
        {
            return;
        }

        var units = await db.Units.AsNoTracking().Where(u => u.Code == Province || u.ParentId != null && u.Parent!.Code == Province)
            .ToDictionaryAsync(u => u.Code, u => u.Id, cancellationToken);
        if (!units.TryGetValue(Province, out var province)
            || await db.InspectionPlans.AnyAsync(p => p.ParentUnitId == province && p.Year == today.Year, cancellationToken))
        {
            return;
        }

        var jan1 = new DateOnly(today.Year, 1, 1);
        DateOnly InYear(DateOnly date) => date < jan1 ? jan1 : date;
        DateOnly NotAfterToday(DateOnly date) => date > today ? today : date;
        var first = InYear(today.AddDays(-90));
        var second = InYear(today.AddDays(-21));

        InspectionFinding Finding(string unit, int item, string? note = null) =>
            new() { UnitId = units[unit], Item = Checklist[item], Passed = note is null, Note = note };
        var done = new InspectionCorrection
        {
            UnitId = units[GioLinh],
            Requirement = "Gửi văn bản xin lỗi người dân đối với 3 hồ sơ giải quyết trễ hạn",
            Deadline = first.AddDays(30),
        };
        done.Complete(NotAfterToday(first.AddDays(18)), "Đã gửi văn bản xin lỗi 3 người dân, lưu tại hồ sơ");
        var plan = new InspectionPlan
        {
            ParentUnitId = province,
            Year = today.Year,
            CreatedAt = now,
            Units = new[] { GioLinh, CuaViet, TrieuPhong, AiTu, HomeAffairs, Education }.Select(u => new InspectionPlanUnit { UnitId = units[u] }).ToList(),
            Rounds =
            [
                new InspectionRound
                {
                    Kind = InspectionKind.Scheduled,
                    Date = first,
                    TeamLead = "Cao Văn Sơn (Sở Nội vụ)",
                    Units = [new() { UnitId = units[GioLinh] }, new() { UnitId = units[CuaViet] }],
                    Checklist = Checklist.Select((text, position) => new InspectionChecklistItem { Position = position, Text = text }).ToList(),
                    Findings =
                    [
                        Finding(GioLinh, 0), Finding(GioLinh, 1, "3 hồ sơ giải quyết trễ hạn chưa có văn bản xin lỗi"), Finding(GioLinh, 2),
                        Finding(CuaViet, 0), Finding(CuaViet, 1), Finding(CuaViet, 2, "Kết quả giải quyết chưa được số hóa, ký số trên hệ thống"),
                    ],
                    Corrections =
                    [
                        done,
                        new()
                        {
                            UnitId = units[CuaViet],
                            Requirement = "Số hóa, ký số kết quả giải quyết thủ tục hành chính trên hệ thống",
                            Deadline = first.AddDays(45),
                        },
                    ],
                },
                new InspectionRound
                {
                    Kind = InspectionKind.Unannounced,
                    Date = second,
                    TeamLead = "Nguyễn Thị Giám Sát (Sở Nội vụ)",
                    Units = [new() { UnitId = units[TrieuPhong] }, new() { UnitId = units[HomeAffairs] }],
                    Checklist = Checklist.Select((text, position) => new InspectionChecklistItem { Position = position, Text = text }).ToList(),
                    Findings =
                    [
                        Finding(TrieuPhong, 0), Finding(TrieuPhong, 1),
                        Finding(HomeAffairs, 0, "Bảng niêm yết còn 2 thủ tục đã bị bãi bỏ"),
                    ],
                    Corrections =
                    [
                        new() { UnitId = units[HomeAffairs], Requirement = "Cập nhật bảng niêm yết thủ tục hành chính", Deadline = second.AddDays(30) },
                    ],
                },
            ],
        };
        db.InspectionPlans.Add(plan);
        await services.GetRequiredService<AuditTrail>().RecordAsync(Actor.System, "oversight.inspection-plan.seeded", nameof(InspectionPlan),
            $"{Province}:{plan.Year}", null, new
            {
                Parent = Province,
                plan.Year,
                Rounds = plan.Rounds.Select(r => new { Kind = r.Kind.ToString(), Date = r.Date.ToString("O", CultureInfo.InvariantCulture) }),
            }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
