using Grains.Interfaces.Accounts;

namespace Grains.Accounts;

[GenerateSerializer, Alias("Accounts.AccountState")]
public sealed class AccountState
{
    [Id(0)] public AccountRecord? Account { get; set; }
}
