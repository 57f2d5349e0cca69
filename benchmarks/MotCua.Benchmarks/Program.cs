using MotCua.Benchmarks;

// Usage: dotnet run -c Release --project benchmarks/MotCua.Benchmarks -- <benchmark> [options]
switch (args.FirstOrDefault())
{
    case "catalog-search":
        await CatalogSearchBenchmark.RunAsync(args.Skip(1).ToArray());
        break;
    default:
        Console.WriteLine("Benchmarks: catalog-search [seconds=20] [procedures=5000] [clients=16]");
        break;
}
