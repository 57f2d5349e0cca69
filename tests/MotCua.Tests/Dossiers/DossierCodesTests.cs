using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web;
using MotCua.Web.Dossiers;
using MotCua.Web.Platform.Database;
using Shouldly;

namespace MotCua.Tests.Dossiers;

[Collection(AppCollection.Name)]
public sealed class DossierCodesTests(MotCuaFactory app)
{
    [Fact]
    public void Codes_follow_Circular_01_2018_Article_19()
    {
        var codes = new DossierCodes(null!, new DossierCodeOptions());
        codes.Format("000.00.12.H57", new DateOnly(2023, 8, 15), 3).ShouldBe("000.00.12.H57-230815-0003");
        codes.Format("000.00.12.H50", new DateOnly(2026, 2, 13), 12345).ShouldBe("000.00.12.H50-260213-12345");
    }

    [Fact]
    public void The_format_is_chosen_by_the_era_of_the_intake_date()
    {
        var options = new DossierCodeOptions();
        options.Formats.Add(new DossierCodeFormat(new DateOnly(2025, 7, 1), "G22.{agency}-{date:yyMMdd}-{seq:000000}"));
        var codes = new DossierCodes(null!, options);
        codes.Format("000.00.12.H50", new DateOnly(2025, 6, 30), 7).ShouldBe("000.00.12.H50-250630-0007");
        codes.Format("000.00.12.H50", new DateOnly(2025, 7, 1), 7).ShouldBe("G22.000.00.12.H50-250701-000007");
    }

    [Fact]
    public async Task Parallel_transactions_get_distinct_consecutive_numbers_and_a_rollback_leaves_no_gap()
    {
        var agency = MotCuaFactory.UniqueCode();
        var day = new DateOnly(2026, 11, 23);
        var rolledBack = 0;
        var codes = await Task.WhenAll(Enumerable.Range(0, 60).Select(async i =>
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var code = await scope.ServiceProvider.GetRequiredService<DossierCodes>().NextAsync(agency, day, CancellationToken.None);
            if (i % 10 == 9)
            {
                await transaction.RollbackAsync();
                Interlocked.Increment(ref rolledBack);
                return null;
            }

            await transaction.CommitAsync();
            return code;
        }));

        var kept = codes.OfType<string>().Select(c => int.Parse(c[^4..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        rolledBack.ShouldBe(6);
        kept.ShouldBe(Enumerable.Range(1, 54).ToList());
    }
}
