namespace MotCua.Benchmarks;

/// <summary>Usage: dotnet run -c Release --project benchmarks/MotCua.Benchmarks -- &lt;name&gt;</summary>
internal static class Entry
{
    private static readonly Dictionary<string, Func<Task>> Benchmarks = new(StringComparer.OrdinalIgnoreCase)
    {
        ["calendar"] = () =>
        {
            DueDateBenchmark.Run();
            return Task.CompletedTask;
        },
        ["intake"] = IntakeBenchmark.RunAsync,
    };

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || !Benchmarks.TryGetValue(args[0], out var run))
        {
            await Console.Error.WriteLineAsync("Usage: MotCua.Benchmarks " + string.Join("|", Benchmarks.Keys.Order(StringComparer.Ordinal)));
            return 1;
        }

        await run();
        return 0;
    }
}
