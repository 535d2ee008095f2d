using Load.Chat;
using Load.Foundation;

namespace Load;

/// <summary>Every benchmark registers itself here.</summary>
public static partial class BenchmarkCatalog
{
    public static void RegisterAll()
    {
        BenchmarkRunner.Register("cluster-failover", "3 silos + 2 gateways + nginx: how long posts fail after SIGKILL of a silo, N runs (default 5)", Cluster.FailoverWindowBenchmark.RunAsync);
        BenchmarkRunner.Register("cluster-scale", "chat posting and live fan-out through nginx with 1, 2 and 3 silos [seconds=10] [listeners=2000] [posters=16] [rate=20] [silo counts=1,2,3] [runs=3]", Cluster.ClusterScaleBenchmark.RunAsync);
        BenchmarkRunner.Register("startup", "embedded Gateway: process start to /health/ready, median of N runs (default 5)", StartupBenchmark.RunAsync);
        Chain.ChainBenchmarks.Register();
        BenchmarkRunner.Register("chat-fanout", "100,000-member group, 10,000 live SSE users on loopback, then Redis pub/sub with the same subscribers and rate: deliveries/s, p50/p99, CPU per delivery, N runs [--rate 40] [--seconds 20] [--runs 3] [--warmup 5] [--flush-ms 50] [--inline 0] [--redis 1]", ChatFanOutBenchmark.RunAsync);
        BenchmarkRunner.Register("chat-durable", "durable posting on PostgreSQL (fsync on), many posters over 1,000 groups: acked messages/s", ChatDurablePostingBenchmark.RunAsync);
        BenchmarkRunner.Register("chat-redpacket", "10,000 members claim one packet of 10,000 shares over HTTP (PostgreSQL), N runs: claims/s, time until every payout is confirmed, CPU [--members] [--shares] [--runs 3] [--concurrency 256]", ChatRedPacketBenchmark.RunAsync);
        BenchmarkRunner.Register("chat-http-post", "posting over HTTP with wrk beside the same gateway's GET /health/live floor, N runs [--mode embedded|cluster] [--runs 3] [--seconds 10] [--warmup 10] [--connections 64] [--groups 8]", ChatHttpPostBenchmark.RunAsync);
        BenchmarkRunner.Register("chat-uploads", "uploads over HTTP into PostgreSQL: a 0.85 MB 2560×1440 JPEG photo and a 4 MiB file, N runs: uploads/s, MB/s, p50/p99, CPU per upload [--users 32] [--uploads 400] [--concurrency 16] [--runs 3] [--warmup 32] [--spot-checks 20]", ChatUploadsBenchmark.RunAsync);
        BenchmarkRunner.Register("qr-scan", "the gateway's image check in process: decode + QR search + thumbnail, and the QR search alone, ms per image and per megapixel at 1-24 MP [--reps 5] [--warmup 1] [--up-to-mp 24]", QrScanBenchmark.RunAsync);
        BenchmarkRunner.Register("chat-memory", "memory per member of a 1,000,000-member group loaded from its member rows", ChatMemoryBenchmark.RunAsync);
    }
}
