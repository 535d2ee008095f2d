namespace Grains.Accounts;

[GenerateSerializer, Alias("Accounts.UsernameSkeletonState")]
public sealed class UsernameSkeletonState
{
    /// <summary>The user id that registered a name with this skeleton first.</summary>
    [Id(0)] public string? Owner { get; set; }
}
