using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using MotCua.Tests.Dossiers;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Ratings;
using MotCua.Web.Identity;
using Shouldly;

namespace MotCua.Tests.Feedback;

/// <summary>The citizen's page of their petitions (/tai-khoan/phan-anh) in real headless Chromium: rating an answer once.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PetitionRatingBrowserTests(BrowserHost host)
{
    [Fact]
    public async Task The_sender_rates_an_answered_petition_not_satisfied_on_their_page_and_the_form_is_gone()
    {
        var f = await new RatingFixtures(host).ArrangeAsync();
        var specialistName = await host.CreateStaffAsync(StaffRole.Specialist, f.Unit);
        var specialist = await host.SignInAsync(specialistName);
        var (citizen, phone) = await OnlineApiTests.RegisterCitizenAsync(host);
        var sent = await citizen.PostAsJsonAsync("/api/v1/petitions", new
        {
            senderName = "Trần Thị Mai",
            senderPhone = phone,
            content = "Cán bộ hẹn trả kết quả nhưng không trả đúng hẹn.",
            unitCode = f.Unit,
            kind = "Conduct",
        });
        sent.StatusCode.ShouldBe(HttpStatusCode.Created, await sent.Content.ReadAsStringAsync());
        var reference = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
        (await f.Leader.PostAsJsonAsync($"/api/v1/petitions/{reference}/assign", new { version = 0, kind = "Conduct", assigneeUserName = specialistName }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await specialist.PostAsJsonAsync($"/api/v1/petitions/{reference}/answer", new { version = 1, answer = "Đã chấn chỉnh việc trả kết quả." }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var page = await host.NewPageAsync();
        await BrowserHost.SignInAsync(page, phone, OnlineApiTests.CitizenPassword);
        await page.OpenAsync("/tai-khoan/phan-anh");
        var row = page.Locator($"tr[data-petition='{reference}']");
        (await row.InnerTextAsync()).ShouldContain("Đã chấn chỉnh việc trả kết quả.");
        await row.GetByRole(AriaRole.Button, new() { Name = "Không hài lòng" }).ClickAsync();

        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldBe("Đã ghi nhận đánh giá của bạn.");
        (await row.Locator("[data-rating]").InnerTextAsync()).Trim().ShouldBe("Không hài lòng");
        (await row.GetByRole(AriaRole.Button).CountAsync()).ShouldBe(0);
        host.WithDb(db => db.Petitions.Single(p => p.Reference == reference).SenderSatisfied).ShouldBe(false);
    }
}
