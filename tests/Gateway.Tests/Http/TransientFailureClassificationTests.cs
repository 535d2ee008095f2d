using Gateway.Http;
using Npgsql;
using Orleans.Runtime;

namespace Gateway.Tests.Http;

public sealed class TransientFailureClassificationTests
{
    [Fact]
    public void Database_errors_are_transient_even_when_wrapped()
    {
        Assert.Equal("database unavailable", TransientFailureExceptionHandler.Classify(new NpgsqlException("connection refused")));
        Assert.Equal("database unavailable", TransientFailureExceptionHandler.Classify(new InvalidOperationException("write failed", new NpgsqlException("gone"))));
        Assert.Equal("database unavailable", TransientFailureExceptionHandler.Classify(new AggregateException(new NpgsqlException("gone"))));
    }

    [Fact]
    public void A_dead_silo_or_a_timeout_is_transient()
    {
        Assert.Equal("cluster member unavailable", TransientFailureExceptionHandler.Classify(new SiloUnavailableException("dead")));
        Assert.Equal("cluster call timed out", TransientFailureExceptionHandler.Classify(new TimeoutException()));
    }

    [Fact]
    public void A_grain_call_the_cluster_abandoned_is_transient()
    {
        // What a gateway gets when a silo behind a partition lets the message expire before placing the grain.
        Assert.Equal("cluster call abandoned", TransientFailureExceptionHandler.Classify(new OperationCanceledException("Message expired before placement could complete")));
    }

    [Fact]
    public void A_call_through_a_silo_the_cluster_just_declared_dead_is_transient()
    {
        Assert.Equal("cluster member unavailable", TransientFailureExceptionHandler.Classify(
            new OrleansException("Trying to register wallet/u/alice on invalid silo: S10.1.2.5:11111:155349620. Known status: Dead")));
        Assert.Null(TransientFailureExceptionHandler.Classify(new OrleansException("some other runtime failure")));
    }

    [Fact]
    public void Programming_errors_are_not_disguised_as_transient()
    {
        Assert.Null(TransientFailureExceptionHandler.Classify(new InvalidOperationException("bug")));
        Assert.Null(TransientFailureExceptionHandler.Classify(new NullReferenceException()));
    }
}
