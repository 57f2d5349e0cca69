using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Catalog;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Units;

/// <summary>Validates a reorganisation request and works out its plan from the current data.</summary>
internal static class Reorganisation
{
    /// <summary>Units the request names, resolved.</summary>
    internal sealed record Parties(AdministrativeUnit Unit, AdministrativeUnit DefaultSuccessor, IReadOnlyList<(ReorganisationPlan.RuleRow Row, AdministrativeUnit Successor)> Rules,
        Succession Succession, IReadOnlyDictionary<int, AdministrativeUnit> Successors);

    public static async Task<Parties> ResolveAsync(string code, ReorganisationRequest request, MotCuaDbContext db, CurrentActor actor, DateOnly today,
        IStringLocalizer localizer, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        errors.Required("defaultSuccessorCode", request.DefaultSuccessorCode, 40);
        if (request.EffectiveDate is null)
        {
            errors.Add("effectiveDate", "Validation.Required");
        }

        errors.ThrowIfAny();
        var unit = await db.Units.Include(u => u.Parent).Include(u => u.Successor).FirstOrDefaultAsync(u => u.Code == code, cancellationToken);
        if (unit is null || !actor.Covers(unit.Path))
        {
            throw ProblemException.NotFound("Units.NotFound");
        }

        SaveUnit.RequireAdmin(actor, unit.Path, unit.Parent is null);
        if (unit.ValidTo is not null)
        {
            throw ProblemException.Conflict("unit-closed", "Units.AlreadyClosed");
        }

        var effective = request.EffectiveDate!.Value;
        // The hand-over happens when the reorganisation takes effect: applied before that day, open dossiers would leave a unit still at work.
        if (effective <= unit.ValidFrom || effective > today)
        {
            errors.Add("effectiveDate", "Units.BadReorganisationDate");
        }

        var rules = request.Rules ?? [];
        var codes = rules.Select(r => r.SuccessorCode).Append(request.DefaultSuccessorCode).OfType<string>().Select(c => c.Trim()).Distinct().ToList();
        var successors = await db.Units.Where(u => codes.Contains(u.Code)).ToDictionaryAsync(u => u.Code, StringComparer.Ordinal, cancellationToken);
        AdministrativeUnit? Successor(string field, string? successorCode)
        {
            if (!errors.Required(field, successorCode, 40))
            {
                return null;
            }

            if (!successors.TryGetValue(successorCode!.Trim(), out var successor))
            {
                errors.Add(field, "Units.UnknownCode", successorCode);
                return null;
            }

            if (successor.Path.StartsWith(unit.Path, StringComparison.Ordinal))
            {
                errors.Add(field, "Units.SuccessorInsideUnit");
            }
            else if (!successor.IsActiveOn(effective))
            {
                errors.Add(field, "Units.SuccessorNotActive", successor.Code);
            }

            return successor;
        }

        var defaultSuccessor = Successor("defaultSuccessorCode", request.DefaultSuccessorCode);
        var resolved = new List<(ReorganisationPlan.RuleRow, AdministrativeUnit)>();
        var domains = await db.Domains.Select(d => d.Code).ToListAsync(cancellationToken);
        var asked = rules.Select(r => r.ProcedureCode?.Trim()).OfType<string>().ToList();
        var procedures = await db.Procedures.Where(p => asked.Contains(p.Code)).Select(p => p.Code).ToListAsync(cancellationToken);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var (domain, procedure) = (Blank(rule.DomainCode), Blank(rule.ProcedureCode));
            var field = $"rules[{i}]";
            if ((domain is null) == (procedure is null))
            {
                errors.Add(field, "Units.RuleNeedsOneScope");
                continue;
            }

            if (domain is not null && !domains.Contains(domain))
            {
                errors.Add(field + ".domainCode", "Units.UnknownDomain", domain);
            }

            if (procedure is not null && !procedures.Contains(procedure))
            {
                errors.Add(field + ".procedureCode", "Units.UnknownProcedure", procedure);
            }

            if (!seen.Add((domain is null ? "p:" : "d:") + (domain ?? procedure)))
            {
                errors.Add(field, "Units.DuplicateRule", domain ?? procedure!);
            }

            if (Successor(field + ".successorCode", rule.SuccessorCode) is { } successor)
            {
                resolved.Add((new ReorganisationPlan.RuleRow(domain, procedure, successor.Code), successor));
            }
        }

        errors.ThrowIfAny();
        foreach (var successor in resolved.Select(r => r.Item2).Append(defaultSuccessor!).DistinctBy(s => s.Id))
        {
            SaveUnit.RequireAdmin(actor, successor.Path, successor.ParentId is null);
        }

        var succession = new Succession(defaultSuccessor!.Id,
            resolved.Where(r => r.Item1.DomainCode is not null).ToDictionary(r => r.Item1.DomainCode!, r => r.Item2.Id, StringComparer.Ordinal),
            resolved.Where(r => r.Item1.ProcedureCode is not null).ToDictionary(r => r.Item1.ProcedureCode!, r => r.Item2.Id, StringComparer.Ordinal));
        var byId = resolved.Select(r => r.Item2).Append(defaultSuccessor).DistinctBy(s => s.Id).ToDictionary(s => s.Id);
        return new Parties(unit, defaultSuccessor, resolved, succession, byId);
    }

    /// <summary>Everything the reorganisation of <see cref="Parties.Unit"/> and its open subtree hands over, read now.</summary>
    public static async Task<ReorganisationPlan> PlanAsync(Parties parties, DateOnly effective, MotCuaDbContext db, CancellationToken cancellationToken)
    {
        var (unit, succession) = (parties.Unit, parties.Succession);
        var prefix = unit.Path;
        string CodeOf(int id) => parties.Successors[id].Code;
        List<string> parts = [string.Create(CultureInfo.InvariantCulture, $"{unit.Id}|{effective:O}|{succession.DefaultSuccessorId}")];
        foreach (var rule in parties.Rules.Select(r => r.Row))
        {
            parts.Add($"rule {rule.DomainCode}:{rule.ProcedureCode}>{rule.SuccessorCode}");
        }

        // The unit takes its offices and desks with it; a commune or district below it is a unit of its own, reorganised on its own.
        var below = await db.Units.AsNoTracking().Where(u => u.Path.StartsWith(prefix)).OrderBy(u => u.Path)
            .Select(u => new { u.Id, u.Code, u.Path, u.Kind, u.SuccessorId, u.ValidTo, u.Version }).ToListAsync(cancellationToken);
        var apart = below.Where(u => u.Id != unit.Id && (u.Kind is not (UnitKind.Office or UnitKind.Desk) || u.SuccessorId is not null)).Select(u => u.Path).ToList();
        bool Belongs(string path) => path.StartsWith(prefix, StringComparison.Ordinal) && !apart.Any(a => path.StartsWith(a, StringComparison.Ordinal));
        var closed = below.Where(u => u.ValidTo == null && Belongs(u.Path)).ToList();
        // The unit's own version is the one read before an apply claims it (see ReorganiseUnit).
        parts.AddRange(closed.Select(u => $"u{u.Id}.{(u.Id == unit.Id ? unit.Version : u.Version)}"));

        var open = await db.Dossiers.AsNoTracking()
            .Where(d => !Dossier.Ended.Contains(d.State) && (d.HandlingUnitPath.StartsWith(prefix) || d.ReceivingUnitPath.StartsWith(prefix)))
            .OrderBy(d => d.Code).ThenBy(d => d.Id)
            .Select(d => new { d.Id, d.Code, d.Version, d.ProcedureCode, d.DomainCode, d.HandlingUnitPath, d.ReceivingUnitPath, d.DueAt })
            .ToListAsync(cancellationToken);
        open.RemoveAll(d => !Belongs(d.HandlingUnitPath) && !Belongs(d.ReceivingUnitPath));
        var dossiers = open.Select(d =>
        {
            var handling = Belongs(d.HandlingUnitPath) ? CodeOf(succession.SuccessorFor(d.DomainCode, d.ProcedureCode)) : UnitPath.Code(d.HandlingUnitPath);
            // The desk's work (returning results) goes where the staff go: the default successor.
            var receiving = Belongs(d.ReceivingUnitPath) ? CodeOf(succession.DefaultSuccessorId) : UnitPath.Code(d.ReceivingUnitPath);
            return new ReorganisationPlan.DossierMove(d.Code ?? d.Id.ToString(), d.ProcedureCode, d.DomainCode, UnitPath.Code(d.HandlingUnitPath), handling,
                UnitPath.Code(d.ReceivingUnitPath), receiving, d.DueAt);
        }).ToList();
        parts.AddRange(open.Select(d => $"d{d.Id}.{d.Version}"));

        var defaultId = succession.DefaultSuccessorId;
        var roles = await db.Set<RoleAssignment>().AsNoTracking().Where(r => r.Unit!.Path.StartsWith(prefix))
            .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new { r.Id, u.UserName, u.FullName, r.Role, r.Unit!.Code, r.Unit.Path, r.UserId })
            .OrderBy(r => r.UserName).ThenBy(r => r.Role).ThenBy(r => r.Code)
            .ToListAsync(cancellationToken);
        roles.RemoveAll(r => !Belongs(r.Path));
        var held = await db.Set<RoleAssignment>().AsNoTracking().Where(r => r.UnitId == defaultId).Select(r => new { r.UserId, r.Role }).ToListAsync(cancellationToken);
        var moved = new HashSet<(Guid, StaffRole)>();
        var roleMoves = roles.Select(r => new ReorganisationPlan.RoleMove(r.UserName ?? "", r.FullName, r.Role, r.Code, CodeOf(defaultId),
            held.Contains(new { r.UserId, r.Role }) || !moved.Add((r.UserId, r.Role)))).ToList();
        parts.AddRange(roles.Select(r => $"r{r.Id}"));
        parts.AddRange(held.Select(h => $"h{h.UserId}.{h.Role}"));

        var providers = await db.ProcedureProviders.AsNoTracking().Where(p => p.Unit!.Path.StartsWith(prefix))
            .Select(p => new { p.Id, p.ProcedureId, p.Procedure!.Code, Unit = p.Unit!.Code, p.Unit.Path }).ToListAsync(cancellationToken);
        providers.RemoveAll(p => !Belongs(p.Path));
        var processes = await db.ProcessDefinitions.AsNoTracking().Where(p => p.Unit!.Path.StartsWith(prefix))
            .Select(p => new { p.Id, p.ProcedureId, p.Procedure!.Code, Unit = p.Unit!.Code, p.Unit.Path, p.Version }).ToListAsync(cancellationToken);
        processes.RemoveAll(p => !Belongs(p.Path));
        var procedureIds = providers.Select(p => p.ProcedureId).Concat(processes.Select(p => p.ProcedureId)).Distinct().ToList();
        var domainOf = (await db.ProcedureVersions.AsNoTracking().Where(v => procedureIds.Contains(v.ProcedureId) && v.Status != VersionStatus.Draft)
                .Select(v => new { v.ProcedureId, v.Number, Domain = v.Domain!.Code }).ToListAsync(cancellationToken))
            .GroupBy(v => v.ProcedureId).ToDictionary(g => g.Key, g => (string?)g.MaxBy(v => v.Number)!.Domain);
        var targets = parties.Successors.Keys.ToList();
        var provided = await db.ProcedureProviders.AsNoTracking().Where(p => targets.Contains(p.UnitId)).Select(p => new { p.ProcedureId, p.UnitId }).ToListAsync(cancellationToken);
        var defined = await db.ProcessDefinitions.AsNoTracking().Where(p => targets.Contains(p.UnitId)).Select(p => new { p.ProcedureId, p.UnitId }).ToListAsync(cancellationToken);

        List<ReorganisationPlan.ProcedureMove> Moves<T>(IEnumerable<T> rows, Func<T, int> procedureId, Func<T, string> procedureCode, Func<T, string> from,
            IEnumerable<(int ProcedureId, int UnitId)> there)
        {
            var taken = there.ToHashSet();
            return rows.OrderBy(procedureCode, StringComparer.Ordinal).ThenBy(from, StringComparer.Ordinal).Select(row =>
            {
                var domain = domainOf.GetValueOrDefault(procedureId(row));
                var to = succession.SuccessorFor(domain, procedureCode(row));
                return new ReorganisationPlan.ProcedureMove(procedureCode(row), domain, from(row), CodeOf(to), !taken.Add((procedureId(row), to)));
            }).ToList();
        }

        var providerMoves = Moves(providers, p => p.ProcedureId, p => p.Code, p => p.Unit, provided.Select(p => (p.ProcedureId, p.UnitId)));
        var processMoves = Moves(processes, p => p.ProcedureId, p => p.Code, p => p.Unit, defined.Select(p => (p.ProcedureId, p.UnitId)));
        parts.AddRange(providers.Select(p => $"p{p.Id}"));
        parts.AddRange(provided.Select(p => $"pp{p.ProcedureId}.{p.UnitId}"));
        parts.AddRange(processes.Select(p => $"q{p.Id}.{p.Version}"));
        parts.AddRange(defined.Select(p => $"qq{p.ProcedureId}.{p.UnitId}"));
        parts.AddRange(domainOf.Select(d => $"{d.Key}:{d.Value}"));

        var token = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts.Order(StringComparer.Ordinal)))));
        return new ReorganisationPlan(unit.Code, unit.Name, effective, parties.DefaultSuccessor.Code, [.. parties.Rules.Select(r => r.Row)],
            [.. closed.Select(u => u.Code)], dossiers, roleMoves, providerMoves, processMoves,
            new ReorganisationPlan.Totals(dossiers.Count, roleMoves.Count, providerMoves.Count(m => !m.AlreadyThere), processMoves.Count(m => !m.AlreadyThere)),
            token);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
