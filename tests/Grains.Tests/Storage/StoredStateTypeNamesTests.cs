using Grains.Accounts;
using Grains.Chain;
using Grains.Chat;
using Grains.Interfaces.Accounts;
using Grains.Interfaces.Chat;

namespace Grains.Tests.Storage;

/// <summary>
/// The ADO.NET grain storage writes state as Newtonsoft JSON with <c>"$type": "Grains.Chain.ChainNodeState, Grains"</c>:
/// the CLR name, not the <c>[Alias]</c>. A state type (or a type stored inside one) that moves to another namespace
/// or assembly makes every stored row of it unreadable, so these names are pinned here and a move fails this test
/// instead of failing in production.
/// </summary>
public sealed class StoredStateTypeNamesTests
{
    public static TheoryData<Type, string> StoredTypes => new()
    {
        { typeof(ChainNodeState), "Grains.Chain.ChainNodeState, Grains" },
        { typeof(GroupState), "Grains.Chat.GroupState, Grains" },
        { typeof(MemberState), "Grains.Chat.MemberState, Grains" },
        { typeof(Grains.Accounts.AccountState), "Grains.Accounts.AccountState, Grains" },
        { typeof(UsernameSkeletonState), "Grains.Accounts.UsernameSkeletonState, Grains" },
        { typeof(GroupSettings), "Grains.Interfaces.Chat.GroupSettings, Grains.Interfaces" },
        { typeof(RateLimitSettings), "Grains.Interfaces.Chat.RateLimitSettings, Grains.Interfaces" },
        { typeof(MessageTemplates), "Grains.Interfaces.Chat.MessageTemplates, Grains.Interfaces" },
        { typeof(AccountRecord), "Grains.Interfaces.Accounts.AccountRecord, Grains.Interfaces" },
    };

    [Theory]
    [MemberData(nameof(StoredTypes))]
    public void Persisted_state_types_keep_the_name_stored_rows_carry(Type type, string stored) =>
        Assert.Equal(stored, $"{type.FullName}, {type.Assembly.GetName().Name}");
}
