using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Audit;
using MotCua.Web.Calendar;
using MotCua.Web.Dossiers;
using MotCua.Web.Platform.Localization;

namespace MotCua.Web.Payments;

/// <summary>
/// The daily reconciliation with the gateway (<c>POST /api/v1/payments/reconciliation</c>, and <see cref="ReconciliationJob"/>
/// every night): each order of the day, and every order still pending, is compared with the gateway's status query. Money the
/// gateway took without a notice reaching us is recorded now (through the same idempotent path as the notice); every
/// difference is a line of the day's report. A gateway that does not answer is a line too, not a failure of the run.
/// </summary>
internal sealed class Reconcile(MotCuaDbContext db, GatewayClient gateway, OnlineSettlement settlement, AuditTrail audit, TimeProvider clock)
{
    public sealed record Request(string? Day);

    public sealed record Mismatch(string OrderId, string DossierCode, string Kind, long Amount, long? GatewayAmount, string? Note);

    public sealed record Report(Guid Id, DateOnly Day, DateTimeOffset RanAt, int Checked, IReadOnlyList<Mismatch> Mismatches);

    public static async Task<Ok<Report>> Handle(Request request, Reconcile reconcile, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var day = DateOnly.TryParseExact(request.Day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None,
            out var parsed) ? parsed : DossierTime.VietnamDate(clock.GetUtcNow().UtcDateTime).AddDays(-1);
        return TypedResults.Ok(await reconcile.RunAsync(day, cancellationToken));
    }

    public async Task<Report> RunAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var from = VietnamTime.FromLocal(day.ToDateTime(TimeOnly.MinValue)).UtcDateTime;
        var to = VietnamTime.FromLocal(day.AddDays(1).ToDateTime(TimeOnly.MinValue)).UtcDateTime;
        var ids = await db.GatewayOrders.AsNoTracking()
            .Where(o => (o.CreatedAt >= from && o.CreatedAt < to) || (o.Status == GatewayOrderStatus.Pending && o.CreatedAt < to))
            .OrderBy(o => o.CreatedAt).Select(o => o.Id).ToListAsync(cancellationToken);
        var mismatches = new List<Mismatch>();
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            var order = await db.GatewayOrders.FirstAsync(o => o.Id == id, cancellationToken);
            var recorded = await db.Payments.AnyAsync(p => p.GatewayOrderId == id, cancellationToken);
            GatewayStatus status;
            try
            {
                status = await gateway.QueryAsync(order, cancellationToken);
            }
            catch (GatewayUnavailableException exception)
            {
                mismatches.Add(new(id, order.DossierCode, "Unreachable", order.Amount, null, exception.Message));
                continue;
            }

            if (status.Paid && status.Amount != order.Amount)
            {
                mismatches.Add(new(id, order.DossierCode, "AmountDiffers", order.Amount, status.Amount, null));
            }
            else if (status.Paid && !recorded)
            {
                var outcome = await settlement.SettleAsync(order, paid: true, "00", status.TransactionNo, DossierTime.ToSecond(clock.GetUtcNow().UtcDateTime),
                    cancellationToken);
                var kind = outcome switch
                {
                    SettlementOutcome.Recorded => "PaidWithoutNotice",
                    SettlementOutcome.Retry => "PaidNotRecordedYet",
                    _ => "PaidNotApplied",
                };
                mismatches.Add(new(id, order.DossierCode, kind, order.Amount, status.Amount, outcome.ToString()));
            }
            else if (!status.Paid && (order.Status == GatewayOrderStatus.Paid || recorded))
            {
                mismatches.Add(new(id, order.DossierCode, "NotPaidAtGateway", order.Amount, status.Amount, status.ResponseCode));
            }
        }

        db.ChangeTracker.Clear();
        var run = new ReconciliationRun
        {
            Day = day,
            RanAt = clock.GetUtcNow().UtcDateTime,
            Checked = ids.Count,
            Mismatches = mismatches.Count,
            Report = JsonSerializer.Serialize(mismatches),
        };
        db.ReconciliationRuns.Add(run);
        await audit.RecordAsync(Actor.System, "payment.reconciled", nameof(ReconciliationRun), run.Id.ToString(), null,
            new { run.Day, run.Checked, run.Mismatches }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new Report(run.Id, day, run.RanAt.ToVietnamTime(), run.Checked, mismatches);
    }
}

/// <summary>Runs the reconciliation of the previous day every night at <see cref="PaymentOptions.ReconcileAt"/> (Vietnam time).</summary>
internal sealed class ReconciliationJob(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<PaymentOptions> options, TimeProvider clock,
    ILogger<ReconciliationJob> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = VietnamTime.FromUtc(clock.GetUtcNow().UtcDateTime);
            var next = now.Date + options.Value.ReconcileAt.ToTimeSpan();
            if (next <= now.DateTime)
            {
                next = next.AddDays(1);
            }

            await Task.Delay(next - now.DateTime, clock, stoppingToken);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var day = DateOnly.FromDateTime(next).AddDays(-1);
                var report = await scope.ServiceProvider.GetRequiredService<Reconcile>().RunAsync(day, stoppingToken);
                log.LogInformation("Reconciled {Day}: {Checked} orders, {Mismatches} mismatches", day, report.Checked, report.Mismatches.Count);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                log.LogError(exception, "The payment reconciliation failed; it runs again tomorrow");
            }
        }
    }
}
