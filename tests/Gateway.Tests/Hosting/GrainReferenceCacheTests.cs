using Gateway.Hosting;
using Gateway.Tests.Infrastructure;
using Grains.Interfaces.Chat;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Hosting;

public sealed class GrainReferenceCacheTests(ChatGatewayFactory factory) : IClassFixture<ChatGatewayFactory>
{
    private IGrainFactory Grains => factory.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public void One_reference_per_id_is_reused_and_each_factory_has_its_own_cache()
    {
        var cache = GrainReferenceCache<IGroupGrain>.Of(Grains);

        Assert.Same(cache, GrainReferenceCache<IGroupGrain>.Of(Grains));
        Assert.Same(cache.Get("g-1"), cache.Get("g-1"));
        Assert.NotSame(cache.Get("g-1"), cache.Get("g-2"));
        Assert.Equal(Grains.GetGrain<IGroupGrain>("g-1").GetGrainId(), cache.Get("g-1").GetGrainId());
    }

    [Fact]
    public void The_cache_starts_over_instead_of_growing_past_its_capacity()
    {
        var cache = new GrainReferenceCache<IGroupGrain>(Grains, capacity: 3);
        foreach (var id in Enumerable.Range(0, 10).Select(i => $"g-{i}"))
        {
            cache.Get(id);
            Assert.InRange(cache.Count, 1, 3);
        }

        Assert.Equal(Grains.GetGrain<IGroupGrain>("g-9").GetGrainId(), cache.Get("g-9").GetGrainId());
    }
}
