using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Http.Fuzz;

/// <summary>
/// A logger provider that keeps what the server logs at Error, or at Warning with an exception, so a failing request
/// can be reported with the exception behind it. Requests are sent one at a time, so draining after each request
/// pairs the log with the request.
/// </summary>
public sealed class ServerErrorLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    /// <summary>Everything kept since the last call.</summary>
    public IReadOnlyList<string> Drain()
    {
        var drained = new List<string>();
        while (_entries.TryDequeue(out var entry))
            drained.Add(entry);
        return drained;
    }

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
    {
        private const int StackLines = 14;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel < LogLevel.Error && exception is null)
                return;
            var text = $"{logLevel} {category}: {formatter(state, exception)}";
            if (exception is not null)
                text += Environment.NewLine + string.Join(Environment.NewLine, exception.ToString().Split('\n').Take(StackLines).Select(l => "    " + l.TrimEnd()));
            entries.Enqueue(text);
        }
    }
}
