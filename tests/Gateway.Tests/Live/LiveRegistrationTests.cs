using System.Reflection;
using Gateway.Live;
using Grains.Interfaces.Chat;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Tests.Live;

public sealed class LiveRegistrationTests
{
    /// <summary>
    /// During a partition the cluster can abandon the registration call ("message expired before placement could
    /// complete", an OperationCanceledException). That is retried like any failure; it used to escape the background
    /// service and stop the whole gateway.
    /// </summary>
    [Fact]
    public async Task A_registration_call_the_cluster_abandoned_is_retried_and_the_gateway_keeps_running()
    {
        var directory = DispatchProxy.Create<IGatewayDirectoryGrain, AbandoningDirectory>();
        var grains = DispatchProxy.Create<IGrainFactory, FakeGrainFactory>();
        ((FakeGrainFactory)(object)grains).Directory = directory;
        var registration = new LiveRegistration(new LiveHub(new LiveOptions()), new GatewayIdentity(), grains, NullLogger<LiveRegistration>.Instance);

        await registration.StartAsync(CancellationToken.None);
        await registration.Registered.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(3, ((AbandoningDirectory)(object)directory).Calls);
        Assert.False(registration.ExecuteTask!.IsCompleted, "the registration loop ended");
        await registration.StopAsync(CancellationToken.None);
    }

    public class FakeGrainFactory : DispatchProxy
    {
        public IGatewayDirectoryGrain Directory { get; set; } = null!;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod!.Name switch
        {
            "GetGrain" when targetMethod.ReturnType == typeof(IGatewayDirectoryGrain) => Directory,
            "CreateObjectReference" => args![0],
            _ => throw new NotSupportedException(targetMethod.Name),
        };
    }

    public class AbandoningDirectory : DispatchProxy
    {
        private int _calls;

        public int Calls => _calls;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod!.Name switch
        {
            // The first two registrations are abandoned by the cluster; the third gets through.
            "RegisterAsync" => Interlocked.Increment(ref _calls) <= 2
                ? Task.FromException(new OperationCanceledException("Message expired before placement could complete for grain gatewaydirectory/0."))
                : Task.CompletedTask,
            "UnregisterAsync" => Task.CompletedTask,
            _ => throw new NotSupportedException(targetMethod.Name),
        };
    }
}
