using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Partners;

/// <summary><c>POST /api/v1/partners</c>: registers a machine client; its secret is in this answer and nowhere else.</summary>
internal static partial class RegisterPartner
{
    public sealed record Request(string? ClientId, string? Name, PartnerKind? Kind, IReadOnlyList<string>? Scopes, IReadOnlyList<string>? UnitCodes,
        int? RatePerMinute);

    /// <param name="ClientSecret">Shown once: MotCua keeps only its hash.</param>
    public sealed record Response(string ClientId, string ClientSecret, IReadOnlyList<string> Scopes, IReadOnlyList<string> UnitCodes, int RatePerMinute);

    public const int MaxRatePerMinute = 100_000;

    public static async Task<Created<Response>> Handle(Request request, MotCuaDbContext db, CurrentActor actor, AuditTrail audit, TimeProvider clock,
        IStringLocalizer<PartnersResource> text, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(text);
        var clientId = request.ClientId?.Trim();
        if (errors.Required("clientId", clientId, 60) && !ClientIdShape().IsMatch(clientId!))
        {
            errors.Add("clientId", "Register.ClientIdShape");
        }

        errors.Required("name", request.Name, 200);
        if (request.Kind is null)
        {
            errors.Add("kind", "Validation.Required");
        }

        var scopes = (request.Scopes ?? []).Select(s => s.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (scopes.Count == 0)
        {
            errors.Add("scopes", "Validation.Required");
        }
        else if (scopes.FirstOrDefault(s => !PartnerScopes.All.Contains(s, StringComparer.Ordinal)) is { } unknown)
        {
            errors.Add("scopes", "Register.UnknownScope", unknown.Length > 40 ? unknown[..40] : unknown);
        }

        var codes = (request.UnitCodes ?? []).Select(c => c.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var units = codes.Count == 0 || codes.Count > 50 ? [] : await db.Units.Where(u => codes.Contains(u.Code)).ToListAsync(cancellationToken);
        if (codes.Count == 0 || codes.Count > 50)
        {
            errors.Add("unitCodes", "Register.UnitCount");
        }
        else if (codes.FirstOrDefault(c => units.All(u => u.Code != c)) is { } missing)
        {
            errors.Add("unitCodes", "Register.UnknownUnit", missing.Length > 40 ? missing[..40] : missing);
        }

        if (request.RatePerMinute is not (>= 1 and <= MaxRatePerMinute))
        {
            errors.Add("ratePerMinute", "Register.Rate", MaxRatePerMinute);
        }

        errors.ThrowIfAny();
        var secret = PartnerClient.NewSecret();
        var client = new PartnerClient
        {
            ClientId = clientId!,
            Name = request.Name!.Trim(),
            Kind = request.Kind!.Value,
            Scopes = string.Join(' ', scopes),
            RatePerMinute = request.RatePerMinute!.Value,
            SecretHash = PartnerClient.Hash(secret),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            Units = [.. units.Select(u => new PartnerClientUnit { UnitId = u.Id, Unit = u })],
        };
        db.PartnerClients.Add(client);
        db.Add(audit.First(actor.Self, "partner.registered", nameof(PartnerClient), client.ClientId, client.Snapshot()));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/partners/{client.ClientId}", new Response(client.ClientId, secret, scopes, codes, client.RatePerMinute));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{2,59}$", RegexOptions.CultureInvariant)]
    private static partial Regex ClientIdShape();
}
