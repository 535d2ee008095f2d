using System.Security.Claims;
using Gateway.Auth;

namespace Gateway.Tests.Auth;

/// <summary>The cache of validated bearer tokens: it answers only for the exact token, never past the token's expiry or five minutes.</summary>
public sealed class ValidatedTokensTests
{
    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly ClaimsPrincipal Alice = new(new ClaimsIdentity([new Claim("sub", "alice")], "Bearer"));

    [Fact]
    public void A_remembered_token_answers_until_it_expires_and_only_for_the_same_string()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
        using var tokens = new ValidatedTokens(clock);
        tokens.Remember("header.payload.signature", Alice, clock.Now.AddMinutes(2));

        Assert.True(tokens.TryGet("header.payload.signature", out var principal));
        Assert.Same(Alice, principal);
        Assert.False(tokens.TryGet("header.payload.signaturf", out _));
        Assert.False(tokens.TryGet("header.payload", out _));

        clock.Now = clock.Now.AddMinutes(2);
        Assert.False(tokens.TryGet("header.payload.signature", out _));
    }

    [Fact]
    public void A_long_lived_token_is_validated_again_after_five_minutes_and_an_expired_one_is_never_remembered()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
        using var tokens = new ValidatedTokens(clock);
        tokens.Remember("long", Alice, clock.Now.AddHours(1));
        tokens.Remember("expired", Alice, clock.Now.AddSeconds(-1));

        Assert.True(tokens.TryGet("long", out _));
        Assert.False(tokens.TryGet("expired", out _));
        clock.Now = clock.Now + ValidatedTokens.MaxAge;
        Assert.False(tokens.TryGet("long", out _));
    }
}
