using System.Net.Http.Json;
using MotCua.Tests.Infrastructure;
using Shouldly;

namespace MotCua.Tests.Catalog;

/// <summary>Procedures made through the API for one test: unique codes and a unique search word.</summary>
internal static class CatalogFixtures
{
    public static string UniqueCode() => "T." + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A lowercase word no demo procedure holds, to isolate a test's search results.</summary>
    public static string UniqueWord() => "zq" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());

    public static object Procedure(string code, string name = "Thủ tục thử nghiệm", string timeUnit = "WorkingDays", int amount = 3, bool withComponent = true, string agency = "UBND cấp xã",
        string? supplementRule = null, bool paymentTimeCounts = false) => new
        {
            code,
            name,
            level = "Commune",
            domain = new { code = "HT" },
            agency,
            steps = "Bước 1: Nộp hồ sơ.\nBước 2: Nhận kết quả.",
            result = "Giấy xác nhận",
            requirements = "Không",
            legalBasis = new[] { "Luật Hộ tịch số 60/2014/QH13" },
            onlineMode = "Partial",
            postalAllowed = true,
            times = new[] { new { channel = "Counter", amount, unit = timeUnit, cutoff = "15:00" } },
            fees = new[] { new { kind = "LePhi", name = "Lệ phí", amount = 8000L, exemptions = "Người có công" } },
            components = withComponent ? new[] { new { name = "Tờ khai", originals = 1, certifiedCopies = 0, copies = 0 } } : [],
            supplementRule,
            paymentTimeCounts,
        };

    public static async Task CreateAsync(HttpClient admin, object procedure)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/catalog/procedures", procedure);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    public static async Task PublishAsync(HttpClient admin, string code, int number, string validFrom)
    {
        var response = await admin.PostAsJsonAsync($"/api/v1/catalog/procedures/{code}/versions/{number}/publish", new { validFrom });
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
