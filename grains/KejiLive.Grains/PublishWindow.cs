using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace KejiLive.Grains;

/// <summary>Collects one-way publications of a silo by key and sends them together: what arrives while a batch was sent
/// within the last <see cref="Window"/> waits for the window to pass (the latest value per key, merged); what arrives
/// when the window is idle and nothing waits goes at once, on the caller's turn.</summary>
/// <remarks>Memory only: a silo that dies loses at most one window of publications, which the next change sends again,
/// as it would have after a lost one-way message. The batch is sent from the caller's thread or the thread pool, never
/// awaited by a grain's turn.</remarks>
public sealed class PublishWindow<T>(Action<Dictionary<string, T>> send)
{
    /// <summary>The longest a publication waits to be sent with others (real time).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(50);

    private readonly Lock _gate = new();
    private Dictionary<string, T> _waiting = new(StringComparer.Ordinal);
    private long _lastFlush = Stopwatch.GetTimestamp() - (long)(Window.TotalSeconds * Stopwatch.Frequency);
    private bool _scheduled;

    /// <summary>Queues <paramref name="value"/> for <paramref name="key"/>, merged with a value still waiting for it by
    /// <paramref name="merge"/> (earlier, later), and sends now when the window is idle.</summary>
    public void Add(string key, T value, Func<T, T, T> merge)
    {
        TimeSpan wait;
        lock (_gate)
        {
            _waiting[key] = _waiting.TryGetValue(key, out var earlier) ? merge(earlier, value) : value;
            if (_scheduled) return;
            wait = Window - Stopwatch.GetElapsedTime(_lastFlush);
            if (wait > TimeSpan.Zero) _scheduled = true;
        }
        if (wait > TimeSpan.Zero)
        {
            _ = FlushLaterAsync(wait);
            return;
        }
        FlushNow();
    }

    /// <summary>Sends whatever waits now, without waiting for the window.</summary>
    public void FlushNow()
    {
        Dictionary<string, T> batch;
        lock (_gate)
        {
            batch = _waiting;
            _waiting = new(StringComparer.Ordinal);
            _scheduled = false;
            _lastFlush = Stopwatch.GetTimestamp();
        }
        if (batch.Count > 0) send(batch);
    }

    private async Task FlushLaterAsync(TimeSpan wait)
    {
        // Off any grain's scheduler: the batch leaves from the thread pool (grain calls may be made from anywhere in
        // the silo).
        await Task.Delay(wait, TimeProvider.System).ConfigureAwait(false);
        FlushNow();
    }
}

/// <summary>How the publishers send a one-way message.</summary>
internal static class OneWayMessages
{
    /// <summary>Sends one one-way message. A failure — thrown at once or by the returned task — is logged for that
    /// receiver alone; the next change publishes its state again.</summary>
    public static void Send(ILogger logger, string receiver, Func<Task> send)
    {
        Task sent;
        try
        {
            sent = send();
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Publishing to {Receiver} failed; the next change publishes it again", receiver);
            return;
        }
        if (sent.IsCompletedSuccessfully) return;
        sent.ContinueWith(
            t => logger.LogWarning(t.Exception, "Publishing to {Receiver} failed; the next change publishes it again", receiver),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
