using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Silo.Hosting;

/// <summary>
/// What a cluster silo does when Orleans reports a fatal error, above all "the cluster declared this silo dead" (it
/// was cut off long enough for the others to vote it out). Orleans' own handler ends the process on the spot; this
/// one stops the silo's host instead and has <c>Program</c> start a fresh silo (a new generation) in the same
/// process, which joins the cluster as soon as it can reach it again. A supervisor is not needed to come back from
/// a partition, and nothing of the dead silo's activations survives into the new one.
/// </summary>
public sealed partial class SiloRejoin
{
    private int _requested;

    /// <summary>Whether a fatal error asked for a fresh silo since the last <see cref="TakeRequest"/>.</summary>
    public bool Requested => Volatile.Read(ref _requested) == 1;

    public void Request() => Interlocked.Exchange(ref _requested, 1);

    /// <summary>Consumes the request: true once per fatal error.</summary>
    public bool TakeRequest() => Interlocked.Exchange(ref _requested, 0) == 1;

    /// <summary>Registers the handler in a host whose silo should come back instead of ending the process.</summary>
    public static void Use(IServiceCollection services, SiloRejoin rejoin)
    {
        services.AddSingleton(rejoin);
        services.Replace(ServiceDescriptor.Singleton<IFatalErrorHandler, RejoiningFatalErrorHandler>());
    }

    private sealed partial class RejoiningFatalErrorHandler(SiloRejoin rejoin, IServiceProvider services, ILogger<RejoiningFatalErrorHandler> logger) : IFatalErrorHandler
    {
        public bool IsUnexpected(Exception exception) => exception is not ThreadAbortException;

        public void OnFatalException(object? sender = null, string? context = null, Exception? exception = null)
        {
            LogStopping(logger, exception, sender?.GetType().Name, context);
            rejoin.Request();
            services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        }

        [LoggerMessage(Level = LogLevel.Error, Message = "Fatal error from {Sender}: {Context}. This silo stops and a new one joins the cluster in its place, in this process.")]
        private static partial void LogStopping(ILogger logger, Exception? exception, string? sender, string? context);
    }
}
