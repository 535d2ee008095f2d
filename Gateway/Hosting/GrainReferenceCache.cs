using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Gateway.Hosting;

/// <summary>
/// Reuses grain references on hot paths. <c>IGrainFactory.GetGrain</c> resolves the interface's grain type by
/// reflection and builds a new proxy through dependency injection on every call (seen in a profile of the post path:
/// custom-attribute reads and <c>ActivatorUtilities.CreateInstance</c> per request); a reference is immutable, so one
/// per grain id serves every request. Bounded: past <paramref name="capacity"/> ids the cache starts over.
/// </summary>
public sealed class GrainReferenceCache<TGrain>(IGrainFactory grains, int capacity = GrainReferenceCache<TGrain>.DefaultCapacity) where TGrain : IGrainWithStringKey
{
    public const int DefaultCapacity = 50_000;

    private static readonly ConditionalWeakTable<IGrainFactory, GrainReferenceCache<TGrain>> PerFactory = [];

    private readonly ConcurrentDictionary<string, TGrain> _references = new(StringComparer.Ordinal);

    /// <summary>The cache of this factory (each host, and each test host, has its own).</summary>
    public static GrainReferenceCache<TGrain> Of(IGrainFactory grains) => PerFactory.GetValue(grains, static g => new GrainReferenceCache<TGrain>(g));

    public int Count => _references.Count;

    public TGrain Get(string id)
    {
        if (_references.TryGetValue(id, out var reference))
            return reference;
        if (_references.Count >= capacity)
            _references.Clear();
        return _references.GetOrAdd(id, static (key, factory) => factory.GetGrain<TGrain>(key), grains);
    }
}
