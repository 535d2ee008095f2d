// Benchmarks: `dotnet run -c Release --project tests/Load -- <name>`; each prints its figures.
using Load;

return await BenchmarkRunner.RunAsync(args);
