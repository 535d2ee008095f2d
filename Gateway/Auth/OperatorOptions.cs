using Silo.Hosting.Settings;

namespace Gateway.Auth;

/// <summary>
/// Settings under <c>Operator</c>: the account that runs this deployment. It owns the chain nodes created
/// anonymously through the tutorial routes (so only it may change their settings). Its name is reserved: nobody
/// can sign up with it. With <see cref="Password"/> set, every gateway makes sure the account exists. Checked by
/// <see cref="OperatorRules"/>.
/// </summary>
public sealed class OperatorOptions
{
    public const string Section = "Operator";

    public string Username { get; set; } = "operator";

    /// <summary>Optional: the operator's password, so the operator can sign in (at least 8 characters).</summary>
    [SecretSetting]
    public string? Password { get; set; }
}
