namespace Load.Chain;

public static class ChainBenchmarks
{
    public static void Register()
    {
        BenchmarkRunner.Register("chain-hash", "header hashes/s: midstate + SIMD lanes vs one HashData per nonce, 1 core and all cores", HashingBenchmark.RunAsync);
        BenchmarkRunner.Register("chain-validate", "transactions validated per second in a full 1 MB block, all cores and one core", ValidationBenchmark.RunAsync);
        BenchmarkRunner.Register("chain-converge", "time for 10 nodes to agree after two halves mined apart and reconnect, N runs [blocks A=20] [blocks B=30] [runs=3]", ConvergenceBenchmark.RunAsync);
    }
}
