using MotCua.Web.Calendar;
using MotCua.Web.Catalog;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Reporting;
using MotCua.Web.Units;
using MotCua.Web.Workflow;

namespace MotCua.Web.Demo;

/// <summary>
/// Draws what happens to one generated dossier and plays it through <see cref="DossierLife"/>, stopping at <c>now</c>:
/// whatever would happen later is still ahead, so the dossier stays open where it is. Shares, per dossier: 1,5% refused at
/// intake, 1% withdrawn, 0,5% stopped, 7% with a supplement request, 2% refused after examination; of the decisions 80%
/// early, 16% on time and 4% late, half of the late ones with an apology (form 04).
/// </summary>
internal sealed class DossierPlan(Random random, UnitCalendar calendar, DateTime now, DemoHistory.People people, List<StepInfo> steps,
    DossierFile resultFile, Func<string, DateOnly, string> nextCode)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    public void Live(Dossier dossier, DateOnly day, IReadOnlyList<DemoHistory.TimeInfo> times, List<object> rows, FactWriter facts)
    {
        // The dossier row first (it is written as it stands at the end), then its parts' rows as they happen.
        rows.Add(dossier);
        var life = new DossierLife(dossier, rows, facts);
        var time = times.FirstOrDefault(t => t.Channel == dossier.Channel) ?? times.First(t => t.Channel == Channel.Counter);
        var processing = new Calendar.ProcessingTime(time.Amount, time.Unit switch
        {
            TimeUnit.WorkingDays => DurationUnit.WorkingDays,
            TimeUnit.HalfDays => DurationUnit.HalfDays,
            TimeUnit.WorkingHours => DurationUnit.WorkingHours,
            TimeUnit.CalendarDays => DurationUnit.CalendarDays,
        });
        var options = new DueOptions(time.Cutoff);
        // Received within the working hours of the day: 07:00–11:30 or 13:30–17:00.
        var minute = random.Next(480);
        var local = day.ToDateTime(new TimeOnly(7, 0)).AddMinutes(minute < 270 ? minute : minute - 270 + 390);
        var receivedAt = VietnamTime.FromLocal(local).UtcDateTime;
        var desk = people.Desk;
        var roll = random.NextDouble();
        if (roll < 0.015)
        {
            var reason = "Hồ sơ không thuộc thẩm quyền giải quyết; đã hướng dẫn nộp tại cơ quan có thẩm quyền.";
            life.Do(receivedAt, desk, "dossier.refused", new { Reason = reason }, () => dossier.Refuse(reason, receivedAt));
            return;
        }

        var due = Due(receivedAt, processing, options);
        var code = nextCode(UnitPath.Code(dossier.ReceivingUnitPath), day);
        life.Do(receivedAt, desk, "dossier.received", new
        {
            Code = code,
            dossier.ProcedureCode,
            Channel = dossier.Channel.ToString(),
            ReceivedAt = receivedAt,
            DueAt = due,
            ReceivingUnit = UnitPath.Code(dossier.ReceivingUnitPath),
            HandlingUnit = UnitPath.Code(dossier.HandlingUnitPath),
        }, () => dossier.Receive(code, receivedAt, due));

        // The desk starts it within the hour and a half, and within the first quarter of its time (some take one working hour).
        var startIn = TimeSpan.FromMinutes(5 + random.Next(90));
        var startAt = DossierTime.ToSecond(receivedAt + (startIn < (due - receivedAt) / 4 ? startIn : (due - receivedAt) / 4));
        if (startAt > now)
        {
            return;
        }

        var first = steps[0];
        var firstHolder = people.For(first.OfficePath, first.Role);
        life.HandOff(HandoffKind.Start, first, calendar, firstHolder.Id, startAt, desk, "dossier.processing-started");

        // The citizen ends it before any decision.
        if (roll < 0.03)
        {
            var at = Between(startAt, due);
            if (at <= now)
            {
                var withdrawn = roll < 0.025;
                var reason = withdrawn ? "Công dân xin rút hồ sơ." : "Công dân đề nghị dừng giải quyết.";
                life.Do(at, desk, withdrawn ? "dossier.withdrawn" : "dossier.stopped", new { Reason = reason },
                    () => withdrawn ? dossier.Withdraw(reason, at) : dossier.Stop(reason, at));
            }

            return;
        }

        var workFrom = startAt;
        if (roll < 0.10)
        {
            // A supplement: the clock stops, then counts again from the start once the documents arrive (the common rule).
            var asked = Between(startAt, due);
            var reason = "Bổ sung bản sao giấy tờ chứng minh nơi cư trú.";
            if (asked > now)
            {
                return;
            }

            life.Do(asked, firstHolder, "dossier.supplement-requested", new { Reason = reason }, () => dossier.RequestSupplement(reason, asked, SupplementRule.Restart));
            var back = calendar.AddWorkingTime(VietnamTime.FromUtc(asked), TimeSpan.FromHours(4 + random.Next(40))).UtcDateTime;
            if (back > now)
            {
                return;
            }

            due = Due(back, processing, options);
            life.Do(back, desk, "dossier.supplement-received", new { DueAt = due }, () => dossier.ResumeAfterSupplement(back, due));
            workFrom = back;
        }

        var outcome = random.NextDouble();
        var decideAt = outcome < 0.80 ? Early(workFrom, due) : outcome < 0.96 ? OnTime(workFrom, due) : Late(due);
        var declined = roll < 0.12;

        // Half of the dossiers that will be late get an apology and a new appointment, on the last working day before the due date.
        var lastIssue = PreviousWorkingDay(DossierTime.VietnamDate(due));
        var apologyAt = VietnamTime.FromLocal(lastIssue.ToDateTime(new TimeOnly(9, 0))).UtcDateTime;
        var apology = outcome >= 0.96 && random.Next(2) == 0 && apologyAt > workFrom;
        void Apologise()
        {
            var newDue = calendar.AddWorkingTime(VietnamTime.FromUtc(decideAt), TimeSpan.FromHours(8)).UtcDateTime;
            var reason = "Cần thêm thời gian xác minh thông tin với cơ quan liên quan.";
            life.Do(apologyAt, people.Leader, "dossier.extended", new { NewDueAt = newDue, Reason = reason },
                () => dossier.Extend(newDue, reason, apologyAt, lastIssue));
            apology = false;
        }

        // The steps share the time up to the decision; the dossier stays at the step it has reached today.
        for (var i = 1; i < steps.Count; i++)
        {
            var at = DossierTime.ToSecond(workFrom + ((decideAt - workFrom) * i / steps.Count));
            if (apology && apologyAt <= at && apologyAt <= now)
            {
                Apologise();
            }

            if (at > now)
            {
                return;
            }

            var holder = people.For(steps[i - 1].OfficePath, steps[i - 1].Role);
            life.HandOff(HandoffKind.Forward, steps[i], calendar, people.For(steps[i].OfficePath, steps[i].Role).Id, at, holder, "dossier.forwarded");
        }

        if (apology && apologyAt <= now)
        {
            Apologise();
        }

        var last = people.For(steps[^1].OfficePath, steps[^1].Role);
        if (decideAt > now)
        {
            return;
        }

        if (declined)
        {
            var reason = "Không đủ điều kiện theo quy định.";
            life.Do(decideAt, people.Leader, "dossier.declined", new { Reason = reason }, () => dossier.Decline(reason, decideAt));
        }
        else
        {
            var attachedAt = decideAt - Minute;
            var result = new DossierFile
            {
                Id = NewId(),
                Kind = DossierFileKind.Result,
                FileName = resultFile.FileName,
                ContentType = resultFile.ContentType,
                Size = resultFile.Size,
                Sha256 = resultFile.Sha256,
                StoragePath = resultFile.StoragePath,
                UploadedAt = attachedAt,
            };
            life.Do(attachedAt, last, "dossier.results-attached", new { Files = 1 }, () => dossier.AttachResults([result]), [result]);
            life.HandOff(HandoffKind.ToDesk, null, calendar, null, decideAt, last, "dossier.processed");
        }

        var returnAt = calendar.AddWorkingTime(VietnamTime.FromUtc(decideAt), TimeSpan.FromMinutes(30 + random.Next(960))).UtcDateTime;
        if (returnAt <= now)
        {
            var method = dossier.Channel == Channel.Online ? ReturnMethod.Online : dossier.AskedReturnMethod;
            life.Do(returnAt, desk, "dossier.returned", new { ReturnedAt = returnAt, Method = method.ToString(), Timeliness = dossier.Timeliness?.ToString() },
                () => dossier.ReturnResult(returnAt, method));
        }
    }

    private DateTime Due(DateTime from, Calendar.ProcessingTime processing, DueOptions options) =>
        DossierTime.ToSecond(calendar.Due(VietnamTime.FromUtc(from), processing, options).UtcDateTime);

    private DateTime Between(DateTime from, DateTime to) => DossierTime.ToSecond(from + ((to - from) * (0.1 + (random.NextDouble() * 0.5))));

    /// <summary>Decided on a day before the due date, or on the due date when there is none between.</summary>
    private DateTime Early(DateTime from, DateTime due)
    {
        var dueDay = VietnamTime.FromLocal(DossierTime.VietnamDate(due).ToDateTime(TimeOnly.MinValue));
        var available = dueDay > VietnamTime.FromUtc(from) ? calendar.WorkingTimeBetween(VietnamTime.FromUtc(from), dueDay) : TimeSpan.Zero;
        return available < TimeSpan.FromMinutes(30) ? OnTime(from, due)
            : DossierTime.ToSecond(calendar.AddWorkingTime(VietnamTime.FromUtc(from), available * (0.2 + (random.NextDouble() * 0.75))).UtcDateTime);
    }

    /// <summary>Decided on the due date, no later than the due moment.</summary>
    private DateTime OnTime(DateTime from, DateTime due)
    {
        var dayStart = VietnamTime.FromLocal(DossierTime.VietnamDate(due).ToDateTime(new TimeOnly(7, 30))).UtcDateTime;
        var start = dayStart > from ? dayStart : from + Minute;
        return start >= due ? due : DossierTime.ToSecond(start + ((due - start) * random.NextDouble()));
    }

    /// <summary>Decided one to five working days after the due date.</summary>
    private DateTime Late(DateTime due)
    {
        var day = DossierTime.VietnamDate(due);
        for (var late = 1 + random.Next(5); late > 0;)
        {
            day = day.AddDays(1);
            late -= calendar.IsWorkingDay(day) ? 1 : 0;
        }

        return VietnamTime.FromLocal(day.ToDateTime(new TimeOnly(8, 0)).AddMinutes(random.Next(420))).UtcDateTime;
    }

    private DateOnly PreviousWorkingDay(DateOnly day)
    {
        do
        {
            day = day.AddDays(-1);
        }
        while (!calendar.IsWorkingDay(day));
        return day;
    }

    private Guid NewId()
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
