using System.Net.Http.Json;
using System.Text.Json;
using KejiLive.Testing;

namespace KejiLive.Api.Tests.Support;

/// <summary>One 2,850-unit system for the scale tests, with <see cref="Reporting"/> units having reported (so the
/// ranking has leaders, laggards and ties).</summary>
public sealed class ScaleFixture : IAsyncLifetime
{
    /// <summary>Units that report once each, on the first target (the others are judged too: 未报送 and behind).</summary>
    public const int Reporting = 120;

    /// <summary>Reporting units whose report is above 0, so their score is too.</summary>
    public static readonly int Scoring = Enumerable.Range(1, Reporting).Count(i => i % 7 != 0);

    public ScaleApiFactory Factory { get; } = new();

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Http = Factory.CreateClient();
        var reports = Enumerable.Range(1, Reporting).Select(i => new
        {
            reportId = $"scale-{i}",
            target = ScalePlan.Targets[0],
            unit = ScalePlan.Unit(i),
            asOf = "2025-06-30",
            value = ScalePlan.Share(ScaleApiFactory.Units, 0, i) * (i % 7) / 10.0,
        }).ToArray();
        using var posted = await Http.PostAsJsonAsync("/api/reports", reports);
        posted.EnsureSuccessStatusCode();
        // The ranking follows the reports one-way: wait (bounded) until every report above 0 shows in a score.
        var deadline = Environment.TickCount64 + 60_000;
        while (true)
        {
            var ranking = await Http.GetFromJsonAsync<JsonElement>("/api/ranking");
            var scoring = ranking.GetProperty("units").EnumerateArray().Count(u => u.GetProperty("score").GetDouble() > 0);
            if (scoring == Scoring) break;
            if (Environment.TickCount64 > deadline) throw new TimeoutException($"The ranking shows {scoring} of {Scoring} scores above 0 after 60 s.");
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Factory.DisposeAsync();
    }
}

/// <summary>The scale tests share one 2,850-unit system.</summary>
[CollectionDefinition(Name)]
public sealed class ScaleCollection : ICollectionFixture<ScaleFixture>
{
    public const string Name = "scale";
}
