using MotCua.Web.Catalog;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Reporting;

/// <summary>
/// Checks one imported row and replays its timeline through the dossier's state methods (so the import obeys the
/// same rules as live handling), keeping the reporting milestones of each step on their own past dates.
/// </summary>
internal static class Replay
{
    public sealed record Step(IReadOnlyList<DossierMilestone> Milestones);

    public static (Dossier Dossier, List<Step> Steps)? Build(ImportedDossier row, string field, ImportCatalog catalog, CurrentActor actor,
        HashSet<string> codes, DateTime now, FieldErrors errors)
    {
        var ok = true;
        void Fail(string name, string key, params object[] arguments)
        {
            errors.Add($"{field}.{name}", key, arguments);
            ok = false;
        }

        DateTime? Moment(string name, string? value)
        {
            var moment = ImportedDossier.Moment(errors, $"{field}.{name}", value);
            ok &= value is null || moment is not null;
            if (moment > now)
            {
                Fail(name, "Reports.InFuture");
            }

            return moment;
        }

        ok &= errors.Required($"{field}.code", row.Code, 60) & errors.Required($"{field}.ownerName", row.OwnerName, 200);
        if (row.Code is { } code && !codes.Add(code.Trim()))
        {
            Fail("code", "Reports.DuplicateCode", code);
        }

        ok &= errors.MaxLength($"{field}.ownerIdNumber", row.OwnerIdNumber, 30) & errors.MaxLength($"{field}.ownerAddress", row.OwnerAddress, 300)
            & errors.MaxLength($"{field}.reason", row.Reason, 2000);
        var unit = Unit("unitCode", row.UnitCode, required: true);
        var desk = row.ReceivingUnitCode is null ? unit : Unit("receivingUnitCode", row.ReceivingUnitCode, required: false);
        var channel = row.Channel is null ? Channel.Counter : ReportSelection.Parse<Channel>(errors, $"{field}.channel", row.Channel);
        var outcome = row.Outcome is null ? DossierOutcome.Result : ReportSelection.Parse<DossierOutcome>(errors, $"{field}.outcome", row.Outcome);
        ok &= channel is not null && outcome is not null;

        var refusedAt = Moment("refusedAt", row.RefusedAt);
        var receivedAt = Moment("receivedAt", row.ReceivedAt);
        var dueAt = Moment("dueAt", row.DueAt);
        var finishedAt = Moment("finishedAt", row.FinishedAt);
        var withdrawnAt = Moment("withdrawnAt", row.WithdrawnAt);
        var stoppedAt = Moment("stoppedAt", row.StoppedAt);
        var returnedAt = Moment("returnedAt", row.ReturnedAt);
        var suspensions = (row.Suspensions ?? []).Select((s, i) =>
            (From: Moment($"suspensions[{i}].from", s.From), To: Moment($"suspensions[{i}].to", s.To), NewDueAt: Moment($"suspensions[{i}].newDueAt", s.NewDueAt),
                s.Reason)).ToList();
        var transfers = (row.Transfers ?? []).Select((t, i) =>
            (SentAt: Moment($"transfers[{i}].sentAt", t.SentAt), To: Unit($"transfers[{i}].toUnitCode", t.ToUnitCode, required: true, inScope: false),
                AnsweredAt: Moment($"transfers[{i}].answeredAt", t.AnsweredAt), t.Accepted, t.Reason)).ToList();
        var end = new[] { finishedAt, withdrawnAt, stoppedAt }.Where(m => m is not null).ToList();
        var start = refusedAt ?? receivedAt;
        if (refusedAt is not null)
        {
            // Refused at intake (form 03): never received, so nothing after it.
            if (receivedAt is not null || dueAt is not null || end.Count > 0 || suspensions.Count > 0 || transfers.Count > 0 || returnedAt is not null)
            {
                Fail("refusedAt", "Reports.RefusedWithTimeline");
            }
        }
        else
        {
            if (row.ReceivedAt is null)
            {
                Fail("receivedAt", "Validation.Required");
            }

            if (row.DueAt is null)
            {
                Fail("dueAt", "Validation.Required");
            }
            else if (dueAt <= receivedAt)
            {
                Fail("dueAt", "Reports.DueBeforeReceipt");
            }

            if (end.Count > 1)
            {
                Fail("finishedAt", "Reports.SeveralEnds");
            }
            else if (end.Count == 1 && end[0] < receivedAt)
            {
                Fail(finishedAt is not null ? "finishedAt" : withdrawnAt is not null ? "withdrawnAt" : "stoppedAt", "Reports.BeforeReceipt");
            }

            if (returnedAt is not null && (finishedAt is null || returnedAt < finishedAt))
            {
                Fail("returnedAt", "Reports.ReturnedBeforeDecision");
            }

            var previous = receivedAt;
            for (var i = 0; i < suspensions.Count; i++)
            {
                var s = suspensions[i];
                var last = i == suspensions.Count - 1;
                if (s.From is null || s.From < previous || (s.To is null && !last) || s.To < s.From || (end.Count == 1 && (s.To ?? s.From) > end[0]))
                {
                    Fail($"suspensions[{i}]", "Reports.SuspensionsOverlap");
                }

                if (s.To is not null && (s.NewDueAt is null || s.NewDueAt <= s.To))
                {
                    Fail($"suspensions[{i}].newDueAt", "Reports.DueBeforeReceipt");
                }

                previous = s.To ?? s.From;
            }

            // One transfer at a time, as live: the next is sent only after the previous was answered, and an ended
            // dossier has no transfer left waiting.
            var answered = receivedAt;
            for (var i = 0; i < transfers.Count; i++)
            {
                var t = transfers[i];
                if (t.SentAt is null)
                {
                    Fail($"transfers[{i}].sentAt", "Validation.Required");
                }
                else if (t.SentAt < answered || (end.Count == 1 && (t.AnsweredAt ?? t.SentAt) > end[0]) || t.AnsweredAt < t.SentAt
                    || (t.AnsweredAt is null && (i < transfers.Count - 1 || end.Count == 1)))
                {
                    Fail($"transfers[{i}]", "Reports.TransfersOutOfOrder");
                }

                if (t.AnsweredAt is not null && t.Accepted is null)
                {
                    Fail($"transfers[{i}].accepted", "Validation.Required");
                }

                answered = t.AnsweredAt ?? t.SentAt;
            }
        }

        var version = start is { } on && row.ProcedureCode is { } procedure ? catalog.VersionOn(procedure.Trim(), DossierTime.VietnamDate(on)) : null;
        if (row.ProcedureCode is null)
        {
            Fail("procedureCode", "Validation.Required");
        }
        else if (version is null && start is not null)
        {
            Fail("procedureCode", "Reports.UnknownProcedure", row.ProcedureCode);
        }

        if (unit is not null && start is { } startAt && !(unit.ValidFrom <= DossierTime.VietnamDate(startAt)
            && (unit.ValidTo is null || DossierTime.VietnamDate(startAt) <= unit.ValidTo)))
        {
            Fail("unitCode", "Reports.UnitNotActive", unit.Code);
        }

        if (!ok || unit is null || desk is null || version is null || start is null || transfers.Any(t => t.To is null))
        {
            return null;
        }

        var dossier = new Dossier
        {
            Channel = channel!.Value,
            ProcedureCode = row.ProcedureCode!.Trim(),
            ProcedureVersionId = version.Id,
            ProcedureName = version.Name,
            DomainCode = version.DomainCode,
            OwnerKind = OwnerKind.Citizen,
            Owner = new Party(row.OwnerName!.Trim(), IdentityDocument.CitizenId, row.OwnerIdNumber?.Trim() ?? "", row.OwnerAddress?.Trim() ?? "", null, null),
            TrackingSecret = DossierTime.NewTrackingSecret(),
            CreatedAt = start.Value,
            SubmittedAt = start.Value,
        };
        var steps = new List<Step>();
        RuleBroken? Do(Func<RuleBroken?> change)
        {
            var before = DossierSnapshot.Of(dossier);
            var broken = change();
            steps.Add(new Step(before.MilestonesTo(dossier, [], DateOnly.MinValue).ToList()));
            return broken;
        }

        // The dossier refuses a history it could not have lived, as it would live: the row gets the refusal as its error.
        bool Refused(RuleBroken? broken)
        {
            if (broken is not null)
            {
                errors.Add(field, broken.TitleKey, broken.TitleArguments);
            }

            return broken is not null;
        }

        var reason = row.Reason?.Trim() is { Length: > 0 } given ? given : "—";
        dossier.Place(desk.Id, desk.Path, unit.Id, unit.Path);
        dossier.Submit();
        if (refusedAt is { } refused)
        {
            return Refused(Do(() => dossier.Refuse(reason, refused))) ? null : (dossier, steps);
        }

        if (Refused(Do(() => dossier.Receive(row.Code!.Trim(), receivedAt!.Value, dueAt!.Value))) || Refused(dossier.StartProcessing()))
        {
            return null;
        }

        // Suspensions and transfers in the order they happened; a transfer during a suspension is refused by the
        // dossier itself, as it would be live.
        var events = new List<(DateTime At, Func<RuleBroken?> Apply)>();
        foreach (var s in suspensions)
        {
            events.Add((s.From!.Value, () => Do(() => dossier.RequestSupplement(s.Reason ?? reason, s.From!.Value, SupplementRule.Restart))));
            if (s.To is { } to)
            {
                events.Add((to, () => Do(() => dossier.ResumeAfterSupplement(to, s.NewDueAt!.Value))));
            }
        }

        foreach (var t in transfers)
        {
            events.Add((t.SentAt!.Value, () => dossier.HandOff(HandoffKind.Transfer, null, null, null, t.SentAt!.Value, actor.UserId, actor.Name, null, t.Reason,
                t.To!.Path)));
            if (t.AnsweredAt is { } answer)
            {
                events.Add((answer, () => dossier.HandOff(t.Accepted == true ? HandoffKind.TransferAccepted : HandoffKind.TransferRejected, null, null, null, answer,
                    null, t.To!.Code, null, t.Reason, null)));
            }
        }

        foreach (var (_, apply) in events.OrderBy(e => e.At))
        {
            if (Refused(apply()))
            {
                return null;
            }
        }

        var ended = finishedAt is { } finished ? Do(() => outcome == DossierOutcome.Refusal ? dossier.Decline(reason, finished) : dossier.Finish(finished))
            : withdrawnAt is { } withdrawn ? Do(() => dossier.Withdraw(reason, withdrawn))
            : stoppedAt is { } stopped ? Do(() => dossier.Stop(reason, stopped))
            : null;
        if (Refused(ended) || (returnedAt is { } returned && Refused(Do(() => dossier.ReturnResult(returned, null)))))
        {
            return null;
        }

        return (dossier, steps);

        // The agency a dossier was transferred to may lie outside the importer's units (a provincial department).
        AdministrativeUnitInfoWithValidity? Unit(string name, string? code, bool required, bool inScope = true)
        {
            if (string.IsNullOrWhiteSpace(code))
            {
                if (required)
                {
                    Fail(name, "Validation.Required");
                }

                return null;
            }

            if (!catalog.Units.TryGetValue(code.Trim(), out var found))
            {
                Fail(name, "Units.UnknownCode", code);
                return null;
            }

            if (inScope && !actor.Covers(found.Path, StaffRole.UnitAdmin, StaffRole.Supervisor))
            {
                Fail(name, "Reports.ImportOutOfScope", code);
                return null;
            }

            return found;
        }
    }
}
