namespace Load;

/// <summary>Picks a benchmark by name; each is a class with a static RunAsync that prints its figures.</summary>
public static class BenchmarkRunner
{
    private static readonly Dictionary<string, (string Summary, Func<string[], Task>)> Benchmarks = new(StringComparer.OrdinalIgnoreCase);

    public static void Register(string name, string summary, Func<string[], Task> run) => Benchmarks[name] = (summary, run);

    public static async Task<int> RunAsync(string[] args)
    {
        BenchmarkCatalog.RegisterAll();
        if (args.Length == 0 || !Benchmarks.TryGetValue(args[0], out var benchmark))
        {
            Console.WriteLine("usage: dotnet run -c Release --project tests/Load -- <benchmark> [options]");
            foreach (var (name, (summary, _)) in Benchmarks.OrderBy(b => b.Key))
                Console.WriteLine($"  {name,-16} {summary}");
            return args.Length == 0 ? 0 : 2;
        }

        await benchmark.Item2(args[1..]);
        return 0;
    }
}
