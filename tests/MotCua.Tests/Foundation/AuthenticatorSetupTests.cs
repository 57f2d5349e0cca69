using AngleSharp.Html.Parser;
using MotCua.Tests.Dossiers;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Forms;
using Shouldly;

namespace MotCua.Tests.Foundation;

[Collection(AppCollection.Name)]
public sealed class AuthenticatorSetupTests(MotCuaFactory app)
{
    [Fact]
    public async Task Setting_up_an_authenticator_shows_the_otpauth_address_as_a_qr_code_and_the_secret_as_text()
    {
        var citizen = await OnlineApiTests.CitizenAsync(app);

        var page = new HtmlParser().ParseDocument(await citizen.GetStringAsync("/account/setup-authenticator"));
        var address = page.QuerySelector("p.code")!.TextContent.Trim();
        address.ShouldStartWith("otpauth://totp/MotCua:");
        var secret = System.Web.HttpUtility.ParseQueryString(new Uri(address).Query)["secret"]!;
        page.QuerySelector("#secret-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ShouldBe(secret.ToLowerInvariant());
        var image = page.QuerySelector("img.totp-qr")!.GetAttribute("src")!;
        image.ShouldStartWith("data:image/png;base64,");
        Convert.FromBase64String(image["data:image/png;base64,".Length..]).ShouldBe(QrCodes.Png(address));
    }
}
