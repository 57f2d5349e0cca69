using MotCua.Benchmarks;

// Usage: dotnet run -c Release --project benchmarks/MotCua.Benchmarks -- <name> [options]
var benchmarks = new Dictionary<string, Func<string[], Task>>(StringComparer.OrdinalIgnoreCase)
{
    ["calendar"] = _ =>
    {
        DueDateBenchmark.Run();
        return Task.CompletedTask;
    },
    // catalog-search [seconds=20] [procedures=5000] [clients=16]
    ["catalog-search"] = CatalogSearchBenchmark.RunAsync,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine("Usage: MotCua.Benchmarks " + string.Join("|", benchmarks.Keys.Order(StringComparer.Ordinal)));
    return 1;
}

await run(args[1..]);
return 0;
