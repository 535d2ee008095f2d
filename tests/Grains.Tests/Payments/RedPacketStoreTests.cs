using Grains.Storage;
using Npgsql;
using TestSupport;

namespace Grains.Tests.Payments;

/// <summary>The claims table (deploy/sql/300_payments.sql) and its memory twin keep the same rules.</summary>
public sealed class RedPacketStoreTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task PostgreSQL_stores_claims_in_index_order_once_per_index_and_user()
    {
        await using var dataSource = NpgsqlDataSource.Create(postgres.NewDatabase("claims"));
        await AssertRulesAsync(new PostgresRedPacketStore(dataSource));
    }

    [Fact]
    public Task The_memory_store_keeps_the_same_rules() => AssertRulesAsync(new InMemoryRedPacketStore());

    private static async Task AssertRulesAsync(IRedPacketStore store)
    {
        var at = new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
        RedPacketClaim Claim(string packet, int index, string user) => new(packet, index, user, user.ToUpperInvariant(), "addr-" + user, 100 + index, at.AddSeconds(index));

        await store.AppendClaimsAsync([Claim("p1", 1, "bob"), Claim("p1", 0, "alice")]);
        await store.AppendClaimsAsync([Claim("p2", 0, "bob")]);
        await store.AppendClaimsAsync([]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendClaimsAsync([Claim("p1", 1, "carol")]));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendClaimsAsync([Claim("p1", 2, "alice")]));

        var loaded = await store.LoadClaimsAsync("p1");
        Assert.Equal([Claim("p1", 0, "alice"), Claim("p1", 1, "bob")], loaded);
        Assert.Single(await store.LoadClaimsAsync("p2"));
        Assert.Empty(await store.LoadClaimsAsync("nope"));
    }
}
