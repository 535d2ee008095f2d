using Load.Foundation;

namespace Load;

/// <summary>Every benchmark registers itself here.</summary>
public static partial class BenchmarkCatalog
{
    public static void RegisterAll()
    {
        BenchmarkRunner.Register("startup", "embedded Gateway: process start to /health/ready, median of N runs (default 5)", StartupBenchmark.RunAsync);
        Chain.ChainBenchmarks.Register();
    }
}
