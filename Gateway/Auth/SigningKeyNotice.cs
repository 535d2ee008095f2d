namespace Gateway.Auth;

/// <summary>Says at start, once, when tokens are signed with a key that dies with this process.</summary>
public sealed class SigningKeyNotice(SigningKeyMaterial key, ILogger<SigningKeyNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (key.Generated)
            logger.LogWarning("Auth:SigningKey is not set: tokens are signed with a key generated for this process and stop working when it exits (set Auth__SigningKey, at least {Bytes} bytes, to keep them).", AuthOptions.MinKeyBytes);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
