namespace Gateway.Auth;

public enum PasswordCheck
{
    Wrong,
    Right,

    /// <summary>Right, but hashed with fewer iterations than configured now: store a new hash.</summary>
    RightButRehash,
}
