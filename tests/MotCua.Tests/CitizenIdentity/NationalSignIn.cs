using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Shouldly;

namespace MotCua.Tests.CitizenIdentity;

/// <summary>A person the tester picks on the simulator's form.</summary>
internal sealed record Person(string IdNumber, string Name, string BirthDate, string Address)
{
    public static Person New(string name = "Lê Thị Hồng") =>
        new("0" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture), name, "1988-03-09",
            "Khu phố 3, phường Đông Hà, tỉnh Quảng Trị");
}

/// <summary>Drives the sign-in's redirects by hand, as a browser would: MotCua → provider → MotCua.</summary>
internal static class NationalSignIn
{
    /// <summary>Starts a sign-in on MotCua; answers the provider's authorization request it redirects to.</summary>
    public static async Task<Uri> StartAsync(HttpClient motCua, string? returnUrl = null)
    {
        var response = await motCua.GetAsync("/account/vneid" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return response.Headers.Location!;
    }

    /// <summary>Submits the provider's form (approve or cancel); answers where the provider sends the browser back.</summary>
    public static async Task<Uri> AnswerAsync(Uri authorize, Person person, string action = "approve")
    {
        (await TestOidcProvider.Http.GetAsync(authorize)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var query = QueryHelpers.ParseQuery(authorize.Query);
        var form = new Dictionary<string, string>
        {
            ["client_id"] = query["client_id"]!,
            ["redirect_uri"] = query["redirect_uri"]!,
            ["state"] = query["state"]!,
            ["nonce"] = query["nonce"]!,
            ["code_challenge"] = query["code_challenge"]!,
            ["id_number"] = person.IdNumber,
            ["name"] = person.Name,
            ["birthdate"] = person.BirthDate,
            ["address"] = person.Address,
            ["action"] = action,
        };
        var response = await TestOidcProvider.Http.PostAsync(TestOidcProvider.Address + "/authorize", new FormUrlEncodedContent(form));
        response.StatusCode.ShouldBe(HttpStatusCode.Found);
        return response.Headers.Location!;
    }

    /// <summary>The whole sign-in; answers MotCua's last answer (200 and a page moving on, or a redirect to the sign-in page).</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient motCua, Person person, string action = "approve") =>
        await motCua.GetAsync(await AnswerAsync(await StartAsync(motCua), person, action));

    /// <summary>Where MotCua sent the browser after a failed sign-in.</summary>
    public static string FailureOf(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = response.Headers.Location!.OriginalString;
        location.ShouldStartWith("/account/login?vneid=");
        return location["/account/login?vneid=".Length..];
    }

    public static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (verifier, challenge);
    }
}
