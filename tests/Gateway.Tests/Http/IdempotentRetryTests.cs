using Gateway.Hosting;
using Gateway.Http;
using Grains.Interfaces.Errors;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;

namespace Gateway.Tests.Http;

public sealed class IdempotentRetryTests
{
    private readonly IdempotentRetry _retry = new(new GatewayOptions { RetryAttemptSeconds = 1, RetryBudgetSeconds = 30 }, TimeProvider.System, NullLogger<IdempotentRetry>.Instance);

    [Fact]
    public async Task An_attempt_that_gets_no_answer_is_abandoned_and_the_call_sent_again()
    {
        var calls = 0;
        var never = new TaskCompletionSource<string>();

        var result = await _retry.RunAsync(() => ++calls == 1 ? never.Task : Task.FromResult("second"), CancellationToken.None);

        Assert.Equal("second", result);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_dead_silo_or_a_moved_group_is_retried_until_the_call_succeeds()
    {
        var calls = 0;
        var result = await _retry.RunAsync(() => ++calls switch
        {
            1 => Task.FromException<int>(new SiloUnavailableException("the silo died")),
            2 => Task.FromException<int>(DomainException.Unavailable(ErrorCodes.SequenceConflict, "moved", TimeSpan.FromSeconds(1))),
            _ => Task.FromResult(42),
        }, CancellationToken.None);

        Assert.Equal(42, result);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task A_refusal_is_answered_at_once_without_repeating_the_call()
    {
        var calls = 0;
        var refused = await Assert.ThrowsAsync<DomainException>(() => _retry.RunAsync<int>(() =>
        {
            calls++;
            throw DomainException.Forbidden(ErrorCodes.Banned, "banned");
        }, CancellationToken.None));

        Assert.Equal(ErrorCodes.Banned, refused.Code);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task When_the_budget_is_spent_the_last_failure_is_answered()
    {
        var retry = new IdempotentRetry(new GatewayOptions { RetryAttemptSeconds = 1, RetryBudgetSeconds = 0 }, TimeProvider.System, NullLogger<IdempotentRetry>.Instance);
        var calls = 0;

        await Assert.ThrowsAsync<SiloUnavailableException>(() => retry.RunAsync<int>(() =>
        {
            calls++;
            return Task.FromException<int>(new SiloUnavailableException("down"));
        }, CancellationToken.None));
        Assert.Equal(1, calls);
    }
}
