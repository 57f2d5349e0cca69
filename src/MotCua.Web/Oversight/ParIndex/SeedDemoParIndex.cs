using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Audit;
using MotCua.Web.Dossiers;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Oversight.ParIndex;

/// <summary>
/// The demo province's reform index: this year's for its departments and communes, and a copy for two years ago, when it still had districts.
/// The areas follow the structure provinces use under the Ministry of Home Affairs' scheme (Decision 876/QĐ-BNV of 10/11/2022) and their own
/// decisions (for example Quảng Bình's Decision 2565/QĐ-UBND of 24/8/2016 on the index of its departments, districts and communes): direction,
/// procedures, organisation, civil service, public finance, digital government and the impact of the reform, with a sociological survey. The
/// points are the demo's own (check against the province's decision before real use).
/// </summary>
internal sealed class SeedDemoParIndex : IStartupData
{
    private const string Province = "000.00.00.H50";

    private sealed record Node(string Code, string Name, decimal Max, ParScoring? Scoring = null, ParMeasure? Measure = null, decimal? Target = null,
        params Node[] Children);

    private static Node Leaf(string code, string name, decimal max, ParScoring scoring) => new(code, name, max, scoring);

    private static Node Auto(string code, string name, decimal max, ParMeasure measure, decimal target) =>
        new(code, name, max, ParScoring.Automatic, measure, target);

    private static Node Group(string code, string name, decimal max, params Node[] children) => new(code, name, max, null, null, null, children);

    private static readonly Node[] Tree =
    [
        Group("1", "Công tác chỉ đạo, điều hành cải cách hành chính", 12,
            Leaf("1.1", "Ban hành kế hoạch cải cách hành chính năm kịp thời, đầy đủ", 3, ParScoring.SelfAssessed),
            Leaf("1.2", "Báo cáo cải cách hành chính định kỳ đầy đủ, đúng hạn", 2, ParScoring.Appraised),
            Leaf("1.3", "Kiểm tra công tác cải cách hành chính và xử lý vấn đề phát hiện", 3, ParScoring.SelfAssessed),
            Leaf("1.4", "Tuyên truyền cải cách hành chính", 2, ParScoring.SelfAssessed),
            Leaf("1.5", "Sáng kiến, giải pháp mới trong cải cách hành chính", 2, ParScoring.Appraised)),
        Group("2", "Cải cách thủ tục hành chính", 30,
            Leaf("2.1", "Công khai thủ tục hành chính đầy đủ, đúng quy định", 3, ParScoring.SelfAssessed),
            Group("2.2", "Kết quả giải quyết thủ tục hành chính", 22,
                Auto("2.2.1", "Tỷ lệ hồ sơ giải quyết đúng hạn", 8, ParMeasure.OnTimeRate, 1m),
                Auto("2.2.2", "Tỷ lệ hồ sơ có kết quả giải quyết đính kèm trên hệ thống", 4, ParMeasure.ResultsAttached, 1m),
                Auto("2.2.3", "Tỷ lệ hồ sơ tiếp nhận, trả kết quả qua dịch vụ bưu chính công ích", 3, ParMeasure.PostalShare, 0.1m),
                Auto("2.2.4", "Tỷ lệ phản ánh, kiến nghị được xử lý đúng hạn", 3, ParMeasure.FeedbackOnTime, 1m),
                Leaf("2.2.5", "Tỷ lệ công chức Bộ phận Một cửa được xếp loại hoàn thành xuất sắc nhiệm vụ (từ 50%)", 2, ParScoring.SelfAssessed),
                Leaf("2.2.6", "Xin lỗi người dân, tổ chức khi giải quyết hồ sơ trễ hạn", 2, ParScoring.SelfAssessed)),
            Leaf("2.3", "Rà soát, đơn giản hóa thủ tục hành chính", 5, ParScoring.SelfAssessed)),
        Group("3", "Cải cách tổ chức bộ máy hành chính", 8,
            Leaf("3.1", "Sắp xếp tổ chức bộ máy theo quy định", 4, ParScoring.Appraised),
            Leaf("3.2", "Thực hiện phân cấp, ủy quyền", 4, ParScoring.SelfAssessed)),
        Group("4", "Cải cách chế độ công vụ", 8,
            Leaf("4.1", "Vị trí việc làm và cơ cấu ngạch công chức", 4, ParScoring.SelfAssessed),
            Leaf("4.2", "Chấp hành kỷ luật, kỷ cương hành chính", 4, ParScoring.Appraised)),
        Group("5", "Cải cách tài chính công", 6,
            Leaf("5.1", "Thực hiện dự toán ngân sách, giải ngân vốn đầu tư công", 3, ParScoring.SelfAssessed),
            Leaf("5.2", "Quy chế chi tiêu nội bộ, quản lý tài sản công", 3, ParScoring.SelfAssessed)),
        Group("6", "Xây dựng và phát triển chính quyền điện tử, chính quyền số", 16,
            Auto("6.1", "Tỷ lệ hồ sơ xử lý trực tuyến (mức độ 3, 4) từ 30%", 6, ParMeasure.OnlineShare, 0.3m),
            Auto("6.2", "Tỷ lệ kết quả giải quyết thủ tục hành chính được ký số", 4, ParMeasure.SignedResults, 1m),
            Leaf("6.3", "Quản lý văn bản và chữ ký số trên văn bản điện tử", 3, ParScoring.SelfAssessed),
            Leaf("6.4", "Áp dụng hệ thống quản lý chất lượng TCVN ISO 9001", 3, ParScoring.SelfAssessed)),
        Group("7", "Tác động của cải cách hành chính", 20,
            Auto("7.1", "Mức độ hài lòng trong giải quyết thủ tục hành chính (theo dữ liệu hệ thống)", 6, ParMeasure.Satisfaction, 0.9m),
            Leaf("7.2", "Điều tra xã hội học sự hài lòng của người dân, tổ chức", 10, ParScoring.Survey),
            Leaf("7.3", "Thực hiện các chỉ tiêu phát triển kinh tế - xã hội", 4, ParScoring.Appraised)),
    ];

    public async Task StoreAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<MotCuaDbContext>();
        if (!services.GetRequiredService<DatabaseOptions>().SeedDemoData || !await db.Units.AnyAsync(u => u.Code == Province, cancellationToken)
            || await db.ParIndexFrameworks.AnyAsync(f => f.ProvinceCode == Province, cancellationToken))
        {
            return;
        }

        var audit = services.GetRequiredService<AuditTrail>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var year = DossierTime.VietnamDate(now).Year;
        foreach (var (y, subjects, basis) in new[]
        {
            (year, "Department,Commune", $"Bộ chỉ số cải cách hành chính của các sở, ban, ngành và UBND cấp xã tỉnh Quảng Trị năm {year} (dữ liệu demo)"),
            (year - 2, "District", $"Bộ chỉ số cải cách hành chính của UBND cấp huyện tỉnh Quảng Trị năm {year - 2} (dữ liệu demo)"),
        })
        {
            var criteria = new List<ParIndexCriterion>();
            var position = 0;
            void Add(Node node, ParIndexCriterion? parent)
            {
                var criterion = new ParIndexCriterion
                {
                    Code = node.Code,
                    Name = node.Name,
                    MaxPoints = node.Max,
                    Scoring = node.Scoring,
                    Measure = node.Measure,
                    Target = node.Target,
                    Parent = parent,
                    Position = position++,
                };
                criteria.Add(criterion);
                foreach (var child in node.Children)
                {
                    Add(child, criterion);
                }
            }

            foreach (var area in Tree)
            {
                Add(area, null);
            }

            var framework = new ParIndexFramework { ProvinceCode = Province, Year = y, Subjects = subjects, Basis = basis, CreatedAt = now, Criteria = criteria };
            db.ParIndexFrameworks.Add(framework);
            await audit.RecordAsync(Actor.System, "par-index.framework-seeded", nameof(ParIndexFramework),
                Province + ":" + y.ToString(CultureInfo.InvariantCulture), null, new { Province, Year = y, subjects, basis }, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
