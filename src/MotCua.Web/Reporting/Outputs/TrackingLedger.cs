using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Calendar;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Reporting.Outputs;

/// <summary>Which official form the ledger follows: chosen by the era of each dossier's intake date (DESIGN.md §3).</summary>
internal enum LedgerForm
{
    /// <summary>Mẫu số 06, Circular 01/2018/TT-VPCP: dossiers received until 30/6/2025.</summary>
    Form06Of2018,

    /// <summary>Mẫu số 07, Annex I of Circular 03/2025/TT-VPCP: dossiers received from 1/7/2025.</summary>
    Form07Of2025,
}

/// <summary>
/// The tracking ledger (Sổ theo dõi hồ sơ) of a unit's desk for a period: one line per dossier received there, in the
/// order of receipt, with the columns of the official form. A period across 1/7/2025 gives one book per form.
/// </summary>
internal static class TrackingLedger
{
    public static readonly DateOnly NewEra = new(2025, 7, 1);

    public sealed record Entry(int No, string Code, string ProcedureName, int Sets, string Owner, string AddressAndPhone, string LeadAgency,
        DateTimeOffset ReceivedAt, DateTimeOffset? DueAt, DateTimeOffset? TransferredAt, DateTimeOffset? ResultReceivedAt, DateTimeOffset? ReturnedAt,
        string Note);

    public sealed record Book(LedgerForm Form, DateOnly From, DateOnly To, IReadOnlyList<Entry> Entries);

    public sealed record Ledger(string UnitCode, string UnitName, DateOnly From, DateOnly To, IReadOnlyList<Book> Books);

    /// <summary>The ledger never spans more than a year: it is printed and signed per period.</summary>
    public const int MaxDays = 366;

    public static async Task<Ledger> LoadAsync(MotCuaDbContext db, CurrentActor actor, IStringLocalizer<ReportingOutputsResource> text, string? unitCode,
        DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var unit = await OutputSelection.CoveredUnitAsync(db, actor, unitCode, cancellationToken);
        var (fromUtc, toUtc) = OutputSelection.UtcBounds(from, to);
        var rows = await (
                from d in db.Dossiers.AsNoTracking()
                where d.ReceivedAt != null && d.ReceivedAt >= fromUtc && d.ReceivedAt < toUtc && d.ReceivingUnitPath.StartsWith(unit.Path)
                join h in db.Units on d.HandlingUnitId equals h.Id
                orderby d.ReceivedAt, d.Code
                select new
                {
                    d.Code,
                    d.ProcedureName,
                    d.Sets,
                    d.Owner.Name,
                    d.Owner.Address,
                    d.Owner.Phone,
                    LeadAgency = h.Name,
                    ReceivedAt = d.ReceivedAt!.Value,
                    d.OriginalDueAt,
                    d.DueAt,
                    Transferred = d.Handoffs.Where(x => x.Kind == HandoffKind.Start).Min(x => (DateTime?)x.At),
                    d.FinishedAt,
                    d.ReturnedAt,
                    d.State,
                    d.Outcome,
                    d.ExtendedAt,
                })
            .ToListAsync(cancellationToken);

        var entries = rows.Select(r =>
        {
            var notes = new List<string>();
            switch (r.State)
            {
                case DossierState.Withdrawn:
                    notes.Add(text["Ledger.Note.Withdrawn"]);
                    break;
                case DossierState.Stopped:
                    notes.Add(text["Ledger.Note.Stopped"]);
                    break;
                case DossierState.AwaitingSupplement:
                    notes.Add(text["Ledger.Note.AwaitingSupplement"]);
                    break;
                default:
                    break;
            }

            if (r.Outcome == DossierOutcome.Refusal)
            {
                notes.Add(text["Ledger.Note.Declined"]);
            }

            if (r.ExtendedAt is not null && r.DueAt is { } newDue)
            {
                notes.Add(text["Ledger.Note.Extended", ViText.Moment(VietnamTime.FromUtc(newDue))]);
            }

            // Lateness is judged on the original appointment, whatever the apology promised (DESIGN.md §4.5).
            if (r.FinishedAt is { } finished && r.OriginalDueAt is { } due
                && UnitCalendar.Judge(VietnamTime.FromUtc(finished), VietnamTime.FromUtc(due)) == Timeliness.Late)
            {
                notes.Add(text["Ledger.Note.Late"]);
            }

            // The ledger lists many people: their phones are masked (issue 17, Law 91/2025/QH15); the workspace shows one whole.
            var addressAndPhone = string.IsNullOrWhiteSpace(r.Phone) ? r.Address : r.Address + "; " + Privacy.Mask.Phone(r.Phone);
            return new
            {
                Received = DossierTime.VietnamDate(r.ReceivedAt),
                Entry = new Entry(0, r.Code!, r.ProcedureName, r.Sets, r.Name, addressAndPhone, r.LeadAgency, VietnamTime.FromUtc(r.ReceivedAt),
                    Local(r.OriginalDueAt), Local(r.Transferred), Local(r.FinishedAt), Local(r.ReturnedAt), string.Join("; ", notes)),
            };
        }).ToList();

        var books = new List<Book>();
        if (from < NewEra)
        {
            books.Add(Number(LedgerForm.Form06Of2018, from, Min(to, NewEra.AddDays(-1)), entries.Where(e => e.Received < NewEra).Select(e => e.Entry)));
        }

        if (to >= NewEra)
        {
            books.Add(Number(LedgerForm.Form07Of2025, Max(from, NewEra), to, entries.Where(e => e.Received >= NewEra).Select(e => e.Entry)));
        }

        return new Ledger(unit.Code, unit.Name, from, to, books);
    }

    private static Book Number(LedgerForm form, DateOnly from, DateOnly to, IEnumerable<Entry> entries) =>
        new(form, from, to, entries.Select((e, i) => e with { No = i + 1 }).ToList());

    private static DateTimeOffset? Local(DateTime? utc) => utc is { } value ? VietnamTime.FromUtc(value) : null;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
