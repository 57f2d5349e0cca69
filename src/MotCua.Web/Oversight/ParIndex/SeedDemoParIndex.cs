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
            Group("1.3", "Kiểm tra công tác cải cách hành chính và xử lý vấn đề phát hiện", 3,
                Leaf("1.3.1", "Thực hiện kế hoạch kiểm tra công tác cải cách hành chính", 1.5m, ParScoring.SelfAssessed),
                Auto("1.3.2", "Tỷ lệ yêu cầu khắc phục sau kiểm tra được hoàn thành đúng hạn", 1.5m, ParMeasure.CorrectionsOnTime, 1m)),
            Leaf("1.4", "Tuyên truyền cải cách hành chính", 2, ParScoring.SelfAssessed),
            Leaf("1.5", "Sáng kiến, giải pháp mới trong cải cách hành chính", 2, ParScoring.Appraised)),
        Group("2", "Cải cách thủ tục hành chính", 30,
            Leaf("2.1", "Công khai thủ tục hành chính đầy đủ, đúng quy định", 3, ParScoring.SelfAssessed),
            Group("2.2", "Kết quả giải quyết thủ tục hành chính", 22,
                Auto("2.2.1", "Tỷ lệ hồ sơ giải quyết đúng hạn", 8, ParMeasure.OnTimeRate, 1m),
                Auto("2.2.2", "Tỷ lệ hồ sơ có kết quả giải quyết đính kèm trên hệ thống", 4, ParMeasure.ResultsAttached, 1m),
                Auto("2.2.3", "Tỷ lệ hồ sơ tiếp nhận, trả kết quả qua dịch vụ bưu chính công ích", 3, ParMeasure.PostalShare, 0.1m),
                Auto("2.2.4", "Tỷ lệ phản ánh, kiến nghị được xử lý đúng hạn", 3, ParMeasure.FeedbackOnTime, 1m),
                Auto("2.2.5", "Tỷ lệ công chức Bộ phận Một cửa được xếp loại hoàn thành xuất sắc nhiệm vụ (từ 50%)", 2, ParMeasure.DeskExcellentShare, 0.5m),
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
        if (!services.GetRequiredService<DatabaseOptions>().SeedDemoData || !await db.Units.AnyAsync(u => u.Code == Province, cancellationToken))
        {
            return;
        }

        var audit = services.GetRequiredService<AuditTrail>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var year = DossierTime.VietnamDate(now).Year;
        if (!await db.ParIndexFrameworks.AnyAsync(f => f.ProvinceCode == Province, cancellationToken))
        {
            await StoreFrameworksAsync(db, audit, now, year, cancellationToken);
        }

        // Checked on every start rather than only after the trees are made, so a demo database made before this step gets it too.
        var past = await db.ParIndexFrameworks.SingleOrDefaultAsync(f => f.ProvinceCode == Province && f.Year == year - 2 && f.State == ParIndexState.Open,
            cancellationToken);
        if (past is not null)
        {
            try
            {
                await PublishPastYearAsync(services.GetRequiredService<ParIndexCards>(), db, audit, past, now, cancellationToken);
            }
            catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException || DatabaseModule.IsUniqueViolation(exception))
            {
                // Another instance starting at the same time closed the year first.
                db.ChangeTracker.Clear();
            }
        }
    }

    private static async Task StoreFrameworksAsync(MotCuaDbContext db, AuditTrail audit, DateTime now, int year, CancellationToken cancellationToken)
    {
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

    /// <summary>
    /// The districts' year, long over: each scores its self-assessed criteria, the Department of Home Affairs appraises (lowering some scores
    /// with a comment) and enters the appraised and survey criteria, then the year is finalised (automatic criteria measured from the data) and
    /// published, so that the public page shows a ranking with ranks per area and each district's lost points. The points are the demo's own,
    /// varied per district and criterion; they are recorded in each score's history as the system's.
    /// </summary>
    private static async Task PublishPastYearAsync(ParIndexCards cards, MotCuaDbContext db, AuditTrail audit, ParIndexFramework past, DateTime now,
        CancellationToken cancellationToken)
    {
        // Scored, then frozen from the stored scores, in one transaction: a failed start leaves the year open as it was.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var tree = await cards.FrameworkAsync(past.Id, cancellationToken);
        var units = await cards.UnitsAsync(tree, cancellationToken);
        var scored = await db.ParIndexScores.Where(s => s.FrameworkId == past.Id).ToListAsync(cancellationToken);
        foreach (var unit in units)
        {
            foreach (var leaf in ParIndexCards.Leaves(tree).Where(l => l.Scoring != ParScoring.Automatic))
            {
                var score = scored.SingleOrDefault(s => s.UnitId == unit.Id && s.CriterionId == leaf.Id);
                if (score is null)
                {
                    score = new ParIndexScore { FrameworkId = past.Id, UnitId = unit.Id, CriterionId = leaf.Id };
                    db.ParIndexScores.Add(score);
                }
                else if (score.SelfPoints is not null || score.AppraisedPoints is not null)
                {
                    continue;
                }

                var spread = Spread(unit.Code + "/" + leaf.Code);
                var points = Math.Round(leaf.MaxPoints * (1m - (spread % 5 * 0.06m)), 2);
                if (leaf.Scoring == ParScoring.SelfAssessed)
                {
                    score.SelfAssess(leaf.MaxPoints, "Đơn vị tự đánh giá đạt đầy đủ yêu cầu của tiêu chí (dữ liệu demo).", now);
                    if (points < leaf.MaxPoints)
                    {
                        score.Appraise(points, "Tài liệu kiểm chứng chưa chứng minh đầy đủ kết quả tự đánh giá (dữ liệu demo).", now);
                    }
                }
                else
                {
                    score.Appraise(points, leaf.Scoring == ParScoring.Survey
                        ? $"Kết quả điều tra xã hội học năm {past.Year} (dữ liệu demo)."
                        : "Đánh giá của Sở Nội vụ qua theo dõi, báo cáo trong năm (dữ liệu demo).", now);
                }
            }

            await audit.RecordAsync(Actor.System, "par-index.demo-scored", nameof(ParIndexScore), $"{past.Id}:{unit.Code}", null,
                new { Unit = unit.Code, past.Year }, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        past.Finalise(now);
        var totals = await FinaliseParIndex.FreezeAsync(cards, db, tree, units, cancellationToken);
        var stream = Province + ":" + past.Year.ToString(CultureInfo.InvariantCulture);
        await audit.RecordAsync(Actor.System, "par-index.finalised", nameof(ParIndexFramework), stream, new { State = nameof(ParIndexState.Open) },
            new { State = nameof(ParIndexState.Finalised), Totals = totals }, cancellationToken);
        past.Publish(now);
        await audit.RecordAsync(Actor.System, "par-index.published", nameof(ParIndexFramework), stream, new { State = nameof(ParIndexState.Finalised) },
            new { State = nameof(ParIndexState.Published) }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A number 0–8 fixed by the text (not <see cref="string.GetHashCode()"/>, which changes between runs).</summary>
    private static int Spread(string text) => text.Select((c, i) => c * (i + 3)).Sum() % 9;
}
