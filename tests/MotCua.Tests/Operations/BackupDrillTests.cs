using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Audit;
using Shouldly;
using Xunit.Abstractions;

namespace MotCua.Tests.Operations;

/// <summary>Issue 17, backups: <c>scripts/backup.sh</c> backs the topology's database up while dossiers keep arriving through
/// nginx, restores it on a new server and compares every table's row count; the audit chain is then verified on the copy.</summary>
[Collection(TopologyCollection.Name)]
public sealed partial class BackupDrillTests(Topology topology, ITestOutputHelper output)
{
    private const int RestorePort = 55615;

    [PostgresFact]
    public async Task A_backup_under_load_restores_to_a_new_server_whole_with_its_audit_chain_intact()
    {
        var desk = await topology.SignInAsync("xagiolinh.motcua");
        var load = new ReceiptLoad(desk, workers: 4);
        var backup = Path.Combine(topology.Directory, "backup-" + Guid.NewGuid().ToString("N")[..6]);
        var restored = Path.Combine(topology.Directory, "restored-" + Guid.NewGuid().ToString("N")[..6]);
        var environment = new[] { ("PGHOST", "127.0.0.1"), ("PGPORT", Topology.PostgresPort.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("PGUSER", "postgres"), ("PGDATABASE", "motcua") };
        string backedUp;
        IReadOnlyCollection<string> beforeBackup;
        load.Start();
        try
        {
            await load.WaitForAsync(20);
            beforeBackup = [.. load.Acknowledged];
            backedUp = await Topology.ScriptAsync("backup.sh", ["backup", backup], environment);
            await load.WaitForAsync(beforeBackup.Count + 20);
        }
        finally
        {
            await load.StopAsync();
        }

        var restoredOutput = await Topology.ScriptAsync("backup.sh", ["restore", backup, restored, RestorePort.ToString(System.Globalization.CultureInfo.InvariantCulture)], environment);
        try
        {
            // The script compared every table's count with the backup's own (taken in the dump's snapshot) and says so.
            output.WriteLine(backedUp + restoredOutput);
            restoredOutput.ShouldContain("every count equal to the backup's");
            var rpo = Seconds(Rpo().Match(backedUp));
            var rto = Seconds(Rto().Match(restoredOutput));
            rpo.ShouldBeLessThan(60);
            rto.ShouldBeLessThan(120);

            await using var copy = topology.Database($"Host=127.0.0.1;Port={RestorePort};Username=postgres;Database=motcua");
            var chain = await VerifyAuditChain.VerifyAsync(copy, CancellationToken.None);
            chain.Intact.ShouldBeTrue(chain.FirstBroken?.ToString());

            // Load kept running: what was acknowledged before the backup began is in it; what came after it is not all there.
            var codes = await copy.Dossiers.Select(d => d.Code!).Where(c => c != null).ToListAsync();
            beforeBackup.ShouldBeSubsetOf(codes);
            await using var live = topology.Database();
            (await live.Dossiers.CountAsync()).ShouldBeGreaterThan(codes.Count);
            (await live.AuditEvents.LongCountAsync()).ShouldBeGreaterThan(chain.EventsChecked);
        }
        finally
        {
            await Topology.ScriptAsync("backup.sh", ["stop", restored]);
        }
    }

    private static double Seconds(Match match)
    {
        match.Success.ShouldBeTrue();
        return double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"RPO achieved: ([0-9.]+) s")]
    private static partial Regex Rpo();

    [GeneratedRegex(@"RTO achieved: ([0-9.]+) s")]
    private static partial Regex Rto();
}
