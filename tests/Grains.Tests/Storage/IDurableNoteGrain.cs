namespace Grains.Tests.Storage;

/// <summary>A test grain whose only job is to keep a few lines of state in grain storage.</summary>
[Alias("Tests.IDurableNoteGrain")]
public interface IDurableNoteGrain : IGrainWithStringKey
{
    Task AppendAsync(string line);
    Task<IReadOnlyList<string>> ReadAsync();
    Task ClearAsync();
}
