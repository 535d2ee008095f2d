namespace Gateway.Auth;

/// <summary>Says at start, once, when tokens are signed with a key that dies with this process, or passwords are hashed weakly.</summary>
public sealed class SigningKeyNotice(SigningKeyMaterial key, AuthOptions options, ILogger<SigningKeyNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (key.Generated)
            logger.LogWarning("Auth:SigningKey is not set: tokens are signed with a key generated for this process and stop working when it exits (set Auth__SigningKey, at least {Bytes} bytes, to keep them).", AuthOptions.MinKeyBytes);
        if (options.PasswordHashIterations < AuthOptions.OwaspPbkdf2Sha512Iterations)
            logger.LogWarning("Auth:PasswordHashIterations is {Iterations}, below OWASP's {Owasp} for PBKDF2-HMAC-SHA512: for load tests only.",
                options.PasswordHashIterations, AuthOptions.OwaspPbkdf2Sha512Iterations);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
