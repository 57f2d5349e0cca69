using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MotCua.Web.Audit;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;
using MotCua.Web.Platform.Localization;

namespace MotCua.Web.Ratings;

/// <summary>
/// The rating tablet at a counter. A unit administrator creates the desk and gets its pairing code once
/// (<c>POST /api/v1/rating-desks</c>); the tablet pairs with it (<c>POST /api/v1/rating-desks/pair</c>, a cookie); a desk
/// officer puts a returned dossier on it (<c>POST /api/v1/rating-desks/{id}/present</c>); the citizen rates it on the
/// tablet (<c>POST /api/v1/rating-desk/rate</c>) without signing in. The officer's session cannot rate, and the tablet can
/// rate only the dossier presented to it, once.
/// </summary>
internal static class CounterDesk
{
    public const string Cookie = "MotCua.RatingDesk";

    public sealed record CreateRequest(string? UnitCode, string? Name);

    public sealed record CreateResponse(int Id, string Name, string UnitCode, string PairingCode);

    public sealed record PairRequest(string? PairingCode);

    public sealed record PresentRequest(string? Code);

    public sealed record Presented(string Code, string ProcedureName, string? OfficerName, DateTimeOffset Until);

    public sealed record DeskState(int Id, string Name, Presented? Waiting);

    public sealed record RateRequest(Dictionary<string, string>? Answers, string? Comment);

    public static async Task<Created<CreateResponse>> Create(CreateRequest request, MotCuaDbContext db, CurrentActor actor, AuditTrail audit,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        errors.Required("unitCode", request.UnitCode, 40);
        errors.Required("name", request.Name, 100);
        errors.ThrowIfAny();
        var unit = await db.Units.AsNoTracking().Where(u => u.Code == request.UnitCode!.Trim()).Select(u => new { u.Id, u.Code, u.Path })
            .FirstOrDefaultAsync(cancellationToken) ?? throw ProblemException.NotFound("Units.NotFound");
        if (!actor.Covers(unit.Path, StaffRole.UnitAdmin))
        {
            throw ProblemException.Forbidden();
        }

        var pairingCode = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var desk = new RatingDesk { UnitId = unit.Id, UnitPath = unit.Path, Name = request.Name!.Trim(), TokenHash = Hash(pairingCode) };
        db.Add(desk);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(actor.ActingOn(unit.Path, StaffRole.UnitAdmin), "rating-desk.created", nameof(RatingDesk), desk.Id.ToString(CultureInfo()), null,
            new { desk.Name, Unit = unit.Code }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/rating-desks/{desk.Id}", new CreateResponse(desk.Id, desk.Name, unit.Code, pairingCode));
    }

    /// <summary>Binds this browser (the tablet) to the desk whose pairing code it shows; a wrong code is a 404.</summary>
    public static async Task<Ok<DeskState>> Pair(PairRequest request, MotCuaDbContext db, HttpContext http, TimeProvider clock, IOptions<RatingOptions> options,
        CancellationToken cancellationToken)
    {
        var code = (request.PairingCode ?? "").Trim().ToLowerInvariant();
        var hash = Hash(code);
        var desk = code.Length is < 16 or > 64 ? null : await db.Set<RatingDesk>().AsNoTracking().FirstOrDefaultAsync(d => d.TokenHash == hash, cancellationToken);
        if (desk is null)
        {
            throw new ProblemException(404, "rating-desk-not-found", "Ratings.DeskNotFound");
        }

        http.Response.Cookies.Append(Cookie, code, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(365),
        });
        return TypedResults.Ok(await StateAsync(db, desk, clock, options.Value, cancellationToken));
    }

    public static async Task<Ok<DeskState>> Present(int id, PresentRequest request, MotCuaDbContext db, CurrentActor actor, AuditTrail audit, TimeProvider clock,
        IOptions<RatingOptions> options, CancellationToken cancellationToken)
    {
        var desk = await db.Set<RatingDesk>().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (desk is null || !actor.Covers(desk.UnitPath))
        {
            throw new ProblemException(404, "rating-desk-not-found", "Ratings.DeskNotFound");
        }

        if (!actor.Covers(desk.UnitPath, StaffRole.DeskOfficer))
        {
            throw ProblemException.Forbidden();
        }

        var code = (request.Code ?? "").Trim().ToUpperInvariant();
        var dossier = await db.Dossiers.AsNoTracking().Where(d => d.Code == code && d.ReceivingUnitPath.StartsWith(desk.UnitPath))
            .Select(d => new { d.Id, d.State }).FirstOrDefaultAsync(cancellationToken) ?? throw ProblemException.NotFound();
        if (dossier.State != DossierState.Returned)
        {
            throw new ProblemException(409, "rating-not-finished", "Ratings.NotFinished");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var who = actor.ActingOn(desk.UnitPath, StaffRole.DeskOfficer);
        desk.Present(dossier.Id, who.Id, who.Name, now);
        await audit.RecordAsync(who, "rating-desk.presented", nameof(RatingDesk), desk.Id.ToString(CultureInfo()), null, new { Code = code }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await StateAsync(db, desk, clock, options.Value, cancellationToken));
    }

    /// <summary>What the tablet shows: the desk and the dossier waiting for a rating, if any.</summary>
    public static async Task<Ok<DeskState>> Current(MotCuaDbContext db, HttpContext http, TimeProvider clock, IOptions<RatingOptions> options,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await StateAsync(db, await PairedAsync(db, http, tracked: false, cancellationToken), clock, options.Value, cancellationToken));

    public static async Task<Ok<RateDossier.Response>> Rate(RateRequest request, MotCuaDbContext db, HttpContext http, CurrentActor actor, TimeProvider clock,
        IOptions<RatingOptions> options, RateDossier.Handler handler, CancellationToken cancellationToken)
    {
        RatingProof.RefuseStaff(actor);
        var desk = await PairedAsync(db, http, tracked: true, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (!desk.IsWaiting(now, options.Value.PresentedFor) || await RatingProof.ByIdAsync(db, desk.PresentedDossierId!.Value, cancellationToken) is not { } dossier)
        {
            throw new ProblemException(409, "rating-desk-idle", "Ratings.DeskIdle");
        }

        var officer = new Actor(desk.PresentedById, desk.PresentedByName!, nameof(StaffRole.DeskOfficer), null);
        desk.Clear();
        return TypedResults.Ok(await handler.RateAsync(dossier, request.Answers, request.Comment, RatingChannel.Counter,
            ("desk", desk.Id.ToString(CultureInfo())), officer, new Actor(null, "citizen at " + desk.Name, "Citizen", null), cancellationToken));
    }

    public static async Task<RatingDesk> PairedAsync(MotCuaDbContext db, HttpContext http, bool tracked, CancellationToken cancellationToken)
    {
        var token = http.Request.Cookies[Cookie];
        var hash = token is { Length: >= 16 and <= 64 } ? Hash(token) : null;
        var desks = tracked ? db.Set<RatingDesk>() : db.Set<RatingDesk>().AsNoTracking();
        return (hash is null ? null : await desks.FirstOrDefaultAsync(d => d.TokenHash == hash, cancellationToken))
            ?? throw new ProblemException(401, "rating-desk-not-paired", "Ratings.DeskNotPaired");
    }

    public static async Task<DeskState> StateAsync(MotCuaDbContext db, RatingDesk desk, TimeProvider clock, RatingOptions options, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!desk.IsWaiting(now, options.PresentedFor) || await RatingProof.ByIdAsync(db, desk.PresentedDossierId!.Value, cancellationToken) is not { } dossier)
        {
            return new DeskState(desk.Id, desk.Name, null);
        }

        return new DeskState(desk.Id, desk.Name,
            new Presented(dossier.Code, dossier.ProcedureName, desk.PresentedByName, (desk.PresentedAt!.Value + options.PresentedFor).ToVietnamTime()));
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static System.Globalization.CultureInfo CultureInfo() => System.Globalization.CultureInfo.InvariantCulture;
}
