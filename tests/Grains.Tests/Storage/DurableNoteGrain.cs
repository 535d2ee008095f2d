using Grains.Storage;

namespace Grains.Tests.Storage;

[GenerateSerializer, Alias("Tests.DurableNote")]
public sealed class DurableNote
{
    [Id(0)]
    public List<string> Lines { get; set; } = [];
}

public sealed class DurableNoteGrain([PersistentState("note", StorageNames.State)] IPersistentState<DurableNote> note) : Grain, IDurableNoteGrain
{
    public async Task AppendAsync(string line)
    {
        note.State.Lines.Add(line);
        await note.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> ReadAsync() => Task.FromResult<IReadOnlyList<string>>(note.State.Lines.ToArray());

    public async Task ClearAsync() => await note.ClearStateAsync();
}
