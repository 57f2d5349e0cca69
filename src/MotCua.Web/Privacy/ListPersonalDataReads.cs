using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Calendar;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Reporting.Outputs;
using MotCua.Web.Units;

namespace MotCua.Web.Privacy;

/// <summary>
/// <c>GET /api/v1/personal-data/reads</c> (JSON) and <c>/reads.csv</c>: who read which dossier's personal data in a
/// period, for a supervisor over their units' dossiers (a system administrator over all). After a breach the controller
/// notifies the authority within 72 hours (Law 91/2025/QH15, check the article) and must say whose data was reached:
/// the list can be narrowed to one staff account or one dossier.
/// </summary>
internal static class ListPersonalDataReads
{
    public const int MaxDays = 366;

    /// <summary>The JSON and the page show this many rows at most; the CSV holds them all.</summary>
    public const int MaxRows = 2000;

    public sealed record Query(DateOnly From, DateOnly To, string? UserName, string? DossierCode);

    public sealed record Read(DateTimeOffset ReadAt, string ActorName, string? ActorUserName, string? ActorRole, string? ActorUnitCode, string? DossierCode,
        Guid DossierId, string Place);

    public sealed record Response(DateOnly From, DateOnly To, int Reads, int Dossiers, int Staff, bool Truncated, IReadOnlyList<Read> Rows);

    public static readonly string[] CsvHeader = ["thoi_diem", "can_bo", "ten_dang_nhap", "vai_tro", "don_vi", "ma_ho_so", "id_ho_so", "noi_xem"];

    public static async Task<Ok<Response>> Handle(DateOnly? from, DateOnly? to, string? userName, string? dossierCode, MotCuaDbContext db, CurrentActor actor,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var query = Check(localizer, from, to, userName, dossierCode);
        return TypedResults.Ok(await LoadAsync(db, actor, query, cancellationToken));
    }

    public static async Task<FileContentHttpResult> Csv(DateOnly? from, DateOnly? to, string? userName, string? dossierCode, MotCuaDbContext db,
        CurrentActor actor, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var query = Check(localizer, from, to, userName, dossierCode);
        var rows = await RowsAsync(db, actor, query, int.MaxValue, cancellationToken);
        var text = Platform.Csv.Write(CsvHeader, rows.Select(r => (IReadOnlyList<string?>)
        [
            r.ReadAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), r.ActorName, r.ActorUserName, r.ActorRole, r.ActorUnitCode,
            r.DossierCode, r.DossierId.ToString(), r.Place,
        ]));
        var name = $"truy-cap-du-lieu-ca-nhan-{query.From:yyyyMMdd}-{query.To:yyyyMMdd}.csv";
        // A byte-order mark, so spreadsheet programs read the Vietnamese names as UTF-8.
        return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray(), "text/csv; charset=utf-8", name);
    }

    public static Query Check(IStringLocalizer<SharedResource> localizer, DateOnly? from, DateOnly? to, string? userName, string? dossierCode)
    {
        var (f, t) = OutputSelection.Period(localizer, from, to, MaxDays);
        return new Query(f, t, string.IsNullOrWhiteSpace(userName) ? null : userName.Trim(), string.IsNullOrWhiteSpace(dossierCode) ? null : dossierCode.Trim().ToUpperInvariant());
    }

    public static async Task<Response> LoadAsync(MotCuaDbContext db, CurrentActor actor, Query query, CancellationToken cancellationToken)
    {
        var scoped = await ScopedAsync(db, actor, query, cancellationToken);
        var reads = await scoped.CountAsync(cancellationToken);
        var dossiers = await scoped.Select(r => r.DossierId).Distinct().CountAsync(cancellationToken);
        var staff = await scoped.Select(r => r.ActorName).Distinct().CountAsync(cancellationToken);
        var rows = await RowsAsync(db, actor, query, MaxRows, cancellationToken);
        return new Response(query.From, query.To, reads, dossiers, staff, reads > rows.Count, rows);
    }

    private static async Task<List<Read>> RowsAsync(MotCuaDbContext db, CurrentActor actor, Query query, int take, CancellationToken cancellationToken)
    {
        var scoped = await ScopedAsync(db, actor, query, cancellationToken);
        var rows = await (
                from r in scoped
                join u in db.Users on r.ActorId equals u.Id into users
                from u in users.DefaultIfEmpty()
                orderby r.ReadAt, r.Id
                select new { r.ReadAt, r.ActorName, UserName = u == null ? null : u.UserName, r.ActorRole, r.ActorUnitCode, r.DossierCode, r.DossierId, r.Place })
            .Take(take).ToListAsync(cancellationToken);
        return rows.Select(r => new Read(VietnamTime.FromUtc(r.ReadAt), r.ActorName, r.UserName, r.ActorRole, r.ActorUnitCode, r.DossierCode, r.DossierId, r.Place))
            .ToList();
    }

    private static async Task<IQueryable<PersonalDataRead>> ScopedAsync(MotCuaDbContext db, CurrentActor actor, Query query, CancellationToken cancellationToken)
    {
        var (fromUtc, toUtc) = OutputSelection.UtcBounds(query.From, query.To);
        // A supervisor sees the reads of the dossiers handled in their subtree; a system administrator sees all.
        var paths = actor.IsSystemAdmin ? null : actor.Roles.Where(r => r.Role == StaffRole.Supervisor).Select(r => r.UnitPath).Distinct().ToList();
        var reads = UnitScope.Within(db.Set<PersonalDataRead>().AsNoTracking(), r => r.DossierUnitPath, paths)
            .Where(r => r.ReadAt >= fromUtc && r.ReadAt < toUtc);
        if (query.UserName is { } userName)
        {
            var userId = await db.Users.AsNoTracking().Where(u => u.UserName == userName).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
            reads = userId is null ? reads.Where(r => false) : reads.Where(r => r.ActorId == userId);
        }

        if (query.DossierCode is { } code)
        {
            reads = reads.Where(r => r.DossierCode == code);
        }

        return reads;
    }
}
