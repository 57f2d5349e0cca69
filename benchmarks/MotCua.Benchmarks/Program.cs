namespace MotCua.Benchmarks;

/// <summary>Usage: dotnet run -c Release --project benchmarks/MotCua.Benchmarks -- &lt;name&gt; [options]</summary>
internal static class Entry
{
    private static readonly Dictionary<string, Func<string[], Task>> Benchmarks = new(StringComparer.OrdinalIgnoreCase)
    {
        ["calendar"] = _ =>
        {
            DueDateBenchmark.Run();
            return Task.CompletedTask;
        },
        ["intake"] = _ => IntakeBenchmark.RunAsync(),
        ["inbox"] = _ => InboxBenchmark.RunAsync(),
        // catalog-search [seconds=20] [procedures=5000] [clients=16]
        ["catalog-search"] = CatalogSearchBenchmark.RunAsync,
        // exports [dossiers=20000]
        ["exports"] = ExportsBenchmark.RunAsync,
        // reporting [dossier counts to reach, default 1000000 10000000]
        ["reporting"] = ReportingBenchmark.RunAsync,
    };

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || !Benchmarks.TryGetValue(args[0], out var run))
        {
            await Console.Error.WriteLineAsync("Usage: MotCua.Benchmarks " + string.Join("|", Benchmarks.Keys.Order(StringComparer.Ordinal)));
            return 1;
        }

        await run(args[1..]);
        return 0;
    }
}
