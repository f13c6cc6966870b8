namespace KejiLive.Grains.Tests;

/// <summary>Waits, within a bounded time, for an effect that travels through one-way grain calls or a grain timer.
/// Fails loudly with the last value seen.</summary>
internal static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, int timeoutMs = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"Condition not met within {timeoutMs} ms; last value: {value}");
            }
            await Task.Delay(20);
        }
    }
}
