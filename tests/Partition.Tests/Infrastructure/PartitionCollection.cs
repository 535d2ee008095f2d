namespace Partition.Tests.Infrastructure;

/// <summary>The scenarios share one cluster on one test network and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PartitionCollection : ICollectionFixture<PartitionCluster>
{
    public const string Name = "partition";
}
