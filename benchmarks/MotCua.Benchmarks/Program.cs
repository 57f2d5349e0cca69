using MotCua.Benchmarks;

// Usage: dotnet run -c Release --project benchmarks/MotCua.Benchmarks -- <name>
var benchmarks = new Dictionary<string, Action>(StringComparer.OrdinalIgnoreCase)
{
    ["calendar"] = DueDateBenchmark.Run,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine("Usage: MotCua.Benchmarks " + string.Join("|", benchmarks.Keys.Order(StringComparer.Ordinal)));
    return 1;
}

run();
return 0;
