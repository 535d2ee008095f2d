namespace Silo.Hosting.Banner;

/// <summary>What a host says about itself once it listens: one line, then anything the operator should not miss.</summary>
public sealed record HostSummary(string Description, IReadOnlyList<string> Warnings);
