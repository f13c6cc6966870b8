namespace KejiLive.Grains.Tests;

/// <summary>One cluster for the tests that do not move time; each test uses its own target × unit pairs.</summary>
public sealed class SharedClusterFixture : IAsyncLifetime
{
    /// <summary>2025-07-01 09:00 Shanghai: the first day of the second half-year.</summary>
    public static readonly DateTimeOffset Start = new(2025, 7, 1, 9, 0, 0, TimeSpan.FromHours(8));

    public KejiCluster Keji { get; private set; } = null!;

    public async Task InitializeAsync() => Keji = await KejiCluster.StartAsync(Start);

    public async Task DisposeAsync()
    {
        await Keji.DisposeAsync();
        KejiCluster.DeleteDatabase(Keji.DatabasePath);
    }
}
