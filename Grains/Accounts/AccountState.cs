using Grains.Interfaces.Accounts;

namespace Grains.Accounts;

[GenerateSerializer, Alias("Accounts.AccountState")]
public sealed class AccountState
{
    [Id(0)] public AccountRecord? Account { get; set; }

    /// <summary>How many of each quota-limited thing (groups, chain nodes) the account has created.</summary>
    [Id(1)] public Dictionary<string, int> Reserved { get; set; } = [];
}
