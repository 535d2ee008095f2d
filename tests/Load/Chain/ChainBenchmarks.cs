namespace Load.Chain;

public static class ChainBenchmarks
{
    public static void Register()
    {
        BenchmarkRunner.Register("chain-hash", "header hashes/s: midstate + SIMD lanes vs one HashData per nonce, 1 core and all cores", HashingBenchmark.RunAsync);
    }
}
