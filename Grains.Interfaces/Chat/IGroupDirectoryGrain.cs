namespace Grains.Interfaces.Chat;

/// <summary>Searches the group directory from any silo (a stateless worker over the directory table).</summary>
[Alias("Chat.IGroupDirectoryGrain")]
public interface IGroupDirectoryGrain : IGrainWithIntegerKey
{
    Task<GroupDirectoryPage> SearchAsync(string? query, string? cursor, int limit);
}
