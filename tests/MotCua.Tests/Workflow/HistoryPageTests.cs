using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web;
using MotCua.Web.Audit;
using Shouldly;

namespace MotCua.Tests.Workflow;

/// <summary>The dossier's history page speaks to people: roles and actions in words, changes as values before and after, Vietnam time.</summary>
[Collection(AppCollection.Name)]
public sealed class HistoryPageTests(MotCuaFactory app)
{
    [Fact]
    public async Task The_history_names_roles_and_actions_and_shows_changed_values_in_vietnam_time_without_raw_keys_or_json()
    {
        var flow = new WorkflowApiTests(app);
        var (_, desk, specialistName, specialist, _) = await flow.ArrangeAsync();
        try
        {
            // Received Mon 05/01/2026 09:00 Vietnam time (02:00 UTC), due Thu 08/01 09:00; sent to the first step at 09:30.
            var (code, started) = await flow.ReceiveAndStartAsync(desk);
            await flow.ActAsync(specialist, code, "assign", WorkflowApiTests.Vn(5, 10), new { version = WorkflowApiTests.Version(started), assigneeUserName = specialistName });
            var id = app.WithDb(db => db.Dossiers.Single(d => d.Code == code).Id);
            // What the deadline watch writes when the dossier comes due (FlagDueDossiers).
            using (var scope = app.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
                await scope.ServiceProvider.GetRequiredService<AuditTrail>().RecordAsync(Actor.System, "dossier.due-soon-flagged", "Dossier", id.ToString(), null,
                    new { DueAt = new DateTime(2026, 1, 8, 2, 0, 0, DateTimeKind.Utc), AssigneeId = (Guid?)null, Notified = 2 }, CancellationToken.None);
                await db.SaveChangesAsync();
            }

            var page = new HtmlParser().ParseDocument(await desk.GetStringAsync($"/backoffice/ho-so/{id}/lich-su"));
            var text = page.QuerySelector("main")!.TextContent;
            text.ShouldNotContain("DossierAction.");
            text.ShouldNotContain("Role.");
            text.ShouldNotContain("{");
            text.ShouldNotContain("2026-01-08T");

            var rows = page.QuerySelectorAll("tbody tr").ToDictionary(r => r.GetAttribute("data-action")!, r => r);
            var received = rows["dossier.received"];
            received.Children[2].TextContent.ShouldContain("Công chức Bộ phận Một cửa");
            Change(received, "Hạn giải quyết").ShouldBe("09:00 08/01/2026");
            Change(received, "Thời điểm tiếp nhận").ShouldBe("09:00 05/01/2026");
            Change(received, "Kênh tiếp nhận").ShouldBe("Trực tiếp");
            var specialistFullName = app.WithDb(db => db.Users.Single(u => u.UserName == specialistName).FullName);
            Change(rows["dossier.assigned"], "Người xử lý").ShouldBe(specialistFullName);

            var flagged = rows["dossier.due-soon-flagged"];
            flagged.Children[2].TextContent.ShouldContain("Hệ thống");
            flagged.Children[2].TextContent.ShouldContain("Tự động");
            flagged.Children[3].TextContent.ShouldBe("Cảnh báo hồ sơ sắp đến hạn");
            Change(flagged, "Số người được báo").ShouldBe("2");
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    /// <summary>The value a row shows for a field: its value after the change.</summary>
    private static string Change(AngleSharp.Dom.IElement row, string field)
    {
        var term = row.QuerySelectorAll("dl.changes dt").Single(dt => dt.TextContent == field);
        var value = term.NextElementSibling!.Clone() as AngleSharp.Dom.IElement;
        foreach (var before in value!.QuerySelectorAll("del, [aria-hidden]").ToList())
        {
            before.Remove();
        }

        return value.TextContent.Trim();
    }
}
