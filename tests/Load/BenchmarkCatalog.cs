namespace Load;

/// <summary>Every benchmark registers itself here.</summary>
public static partial class BenchmarkCatalog
{
    public static void RegisterAll()
    {
        Chain.ChainBenchmarks.Register();
    }
}
