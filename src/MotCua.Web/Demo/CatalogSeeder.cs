using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Catalog;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Units;

namespace MotCua.Web.Demo;

/// <summary>
/// Fills an empty catalog with the real procedures of Demo/procedures.json, published from 1/1/2021 by the
/// province. Communes provide the commune-level ones; the districts provided the district-level ones until
/// 30/6/2025 and the new communes do since (Decree 118/2025 era); the departments (sở) provide the province-level
/// ones, received at the provincial Public Administration Service Center. Internal processes are set for the units
/// the demo accounts work in and one unit of each older kind, and each named form gets a small generated form file.
/// </summary>
internal static class CatalogSeeder
{
    public static readonly DateOnly PublishedFrom = new(2021, 1, 1);

    private const string Province = "000.00.00.H50";

    /// <summary>The provincial Public Administration Service Center: the desk of the departments' procedures.</summary>
    public const string ProvinceDesk = "000.01.00.H50";

    /// <summary>
    /// Units with internal processes: Gio Linh district and Gio Linh town (old era), the communes Gio Linh and Cửa Việt and the
    /// departments (new era).
    /// </summary>
    private static readonly string[] ProcessUnits = ["000.00.12.H50", "000.21.12.H50", "000.00.71.H50", "000.00.72.H50", "000.00.03.H50", "000.00.04.H50"];

    /// <summary>The department competent for a province-level procedure, by domain: people with meritorious services (Sở Nội vụ since
    /// 2025), education (Sở Giáo dục và Đào tạo).</summary>
    private static readonly Dictionary<string, string> Departments = new(StringComparer.Ordinal)
    {
        ["NCC"] = "000.00.03.H50",
        ["GD"] = "000.00.04.H50",
    };

    // The new communes have fewer offices; old offices' work moves to these (names as in units.json).
    private static readonly Dictionary<string, string> NewEraOffice = new(StringComparer.Ordinal)
    {
        ["Tư pháp - Hộ tịch"] = "VP HĐND-UBND",
        ["Phòng Tư pháp"] = "VP HĐND-UBND",
        ["Phòng TN&MT"] = "Phòng Kinh tế",
        ["Phòng KT&HT"] = "Phòng Kinh tế",
        ["Phòng TC-KH"] = "Phòng Kinh tế",
        ["Địa chính - Xây dựng"] = "Phòng Kinh tế",
        ["Văn hóa - Xã hội"] = "Phòng VH-XH",
        ["Phòng LĐ-TB&XH"] = "Phòng VH-XH",
        ["Phòng GD&ĐT"] = "Phòng VH-XH",
        ["Phòng VH&TT"] = "Phòng VH-XH",
    };

    private sealed record DemoStep(string Office, string Role, string Name, decimal Hours);

    private sealed record DemoProcess(string Code, List<DemoStep> Process);

    private sealed record DemoUnit(string Code, string? ShortName);

    public static async Task SeedAsync(IServiceProvider services, MotCuaDbContext db)
    {
        var text = Read("MotCua.Web.Demo.procedures.json");
        var rows = JsonSerializer.Deserialize<List<ProcedureData>>(text, ImportProcedures.Json)!;
        var processes = JsonSerializer.Deserialize<List<DemoProcess>>(text, ImportProcedures.Json)!.ToDictionary(p => p.Code, StringComparer.Ordinal);
        var shortNames = JsonSerializer.Deserialize<List<DemoUnit>>(Read("MotCua.Web.Demo.units.json"), ImportProcedures.Json)!
            .ToDictionary(u => u.Code, u => u.ShortName ?? "", StringComparer.Ordinal);

        foreach (var domain in rows.Select(r => r.Domain!).DistinctBy(d => d.Code))
        {
            db.Domains.Add(new Domain { Code = domain.Code!, Name = domain.Name! });
        }

        await db.SaveChangesAsync();
        var clock = services.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow().UtcDateTime;
        var forms = new Dictionary<string, FormTemplate>(StringComparer.Ordinal);
        var titles = rows.SelectMany(r => r.Components ?? []).Where(c => c.FormTemplate is not null)
            .GroupBy(c => c.FormTemplate!).ToDictionary(g => g.Key, g => g.First().Name!, StringComparer.Ordinal);
        FormTemplate Form(string file) => forms.TryGetValue(file, out var form) ? form : forms[file] = Generate(file, titles[file], now);

        var units = await db.Units.ToListAsync();
        var province = units.Single(u => u.Code == Province);
        var localizer = services.GetRequiredService<IStringLocalizer<CatalogResource>>();
        var audit = new AuditTrail(db, clock);
        await ImportProcedures.ImportAsync(rows, db, Actor.System, province, PublishedFrom, audit, clock, localizer, Form, CancellationToken.None);

        var procedures = await db.Procedures.Include(p => p.Versions).ThenInclude(v => v.Domain).ToListAsync();
        var communes = units.Where(u => u.Kind == UnitKind.Commune).ToList();
        var districts = units.Where(u => u.Kind == UnitKind.District).ToList();
        var newCommunes = communes.Where(u => u.ValidTo is null).ToList();
        foreach (var procedure in procedures)
        {
            var providers = procedure.Versions[0].Level switch
            {
                UnitLevel.Commune => communes,
                UnitLevel.District => [.. districts, .. newCommunes],
                UnitLevel.Province => Departments.TryGetValue(procedure.Versions[0].Domain?.Code ?? "", out var department)
                    ? [units.Single(u => u.Code == department)]
                    : [province],
            };
            db.ProcedureProviders.AddRange(providers.Select(u => new ProcedureProvider { ProcedureId = procedure.Id, UnitId = u.Id }));
            foreach (var unit in units.Where(u => ProcessUnits.Contains(u.Code) && providers.Contains(u)))
            {
                var offices = units.Where(u => u.ParentId == unit.Id).ToList();
                if (unit.Kind == UnitKind.Office)
                {
                    // A department's dossiers are received and returned at the provincial center, and its specialist office does the work.
                    offices = [units.Single(u => u.Code == ProvinceDesk), .. offices.Where(o => o.Kind == UnitKind.Office).OrderByDescending(o => o.Code).Take(1)];
                }

                var definition = new ProcessDefinition { ProcedureId = procedure.Id, UnitId = unit.Id };
                definition.Replace(processes[procedure.Code].Process.Select((s, i) => Step(s, i + 1, unit, offices, shortNames)));
                db.ProcessDefinitions.Add(definition);
            }
        }

        await db.SaveChangesAsync();
    }

    private static ProcessStep Step(DemoStep step, int order, AdministrativeUnit unit, List<AdministrativeUnit> offices, Dictionary<string, string> shortNames)
    {
        var role = Enum.Parse<StaffRole>(step.Role);
        if (step.Office == "Công an xã")
        {
            return new ProcessStep { Order = order, Name = step.Name, Role = role, Hours = step.Hours, InterAgency = true, Agency = "Công an xã" };
        }

        AdministrativeUnit? Named(string name) => offices.FirstOrDefault(o => shortNames.GetValueOrDefault(o.Code) == name);
        var office = step.Office switch
        {
            "Desk" => offices.FirstOrDefault(o => o.Kind == UnitKind.Desk),
            "Lãnh đạo UBND" => unit,
            _ => Named(step.Office) ?? (NewEraOffice.TryGetValue(step.Office, out var moved) ? Named(moved) : null)
                ?? (unit.Kind == UnitKind.Office ? offices.FirstOrDefault(o => o.Kind == UnitKind.Office) : null),
        } ?? unit;
        return new ProcessStep { Order = order, Name = step.Name, Role = role, Hours = step.Hours, OfficeUnit = office, OfficeUnitId = office.Id };
    }

    /// <summary>A printable HTML form with the component's title and the fields every application asks for.</summary>
    private static FormTemplate Generate(string file, string title, DateTime now)
    {
        var name = Path.ChangeExtension(file, ".html");
        var heading = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All).Encode(title);
        string[] fields =
        [
            "Họ, chữ đệm, tên người yêu cầu", "Ngày, tháng, năm sinh", "Số định danh cá nhân", "Nơi cư trú", "Số điện thoại, email",
            "Nội dung đề nghị", "Giấy tờ kèm theo",
        ];
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"vi\">\n<head><meta charset=\"utf-8\"><title>").Append(heading).Append("</title></head>\n<body>\n")
            .Append("<p><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong><br>Độc lập - Tự do - Hạnh phúc</p>\n")
            .Append("<h1>").Append(heading).Append("</h1>\n<p>Kính gửi: ....................................................</p>\n<ol>\n");
        foreach (var field in fields)
        {
            html.Append("<li>").Append(field).Append(": ..............................................................</li>\n");
        }

        html.Append("</ol>\n<p>Tôi cam đoan nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật về lời cam đoan của mình.</p>\n")
            .Append("<p>Làm tại ............, ngày ..... tháng ..... năm ........</p>\n<p><strong>Người yêu cầu</strong><br>(Ký, ghi rõ họ, chữ đệm, tên)</p>\n</body>\n</html>\n");
        return new FormTemplate { FileName = name, ContentType = UploadForm.ContentTypeOf(name), Content = Encoding.UTF8.GetBytes(html.ToString()), UploadedAt = now };
    }

    private static string Read(string resource)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
