using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using KejiLive.Api.Tests.Support;

namespace KejiLive.Api.Tests;

/// <summary><c>GET /api/reviews</c> pages as <c>GET /api/alerts</c> does: <c>offset</c>/<c>limit</c>, the total in
/// <c>X-Total-Count</c>, every report without paging parameters as before, a clear Chinese 400 for bad ones. A system of
/// its own (no other test's marks in its list): hi-tech-enterprises × 赣县区 (360704), 瑞金市 (360781) and 龙南市 (360783),
/// each given a jump the data-quality rule marks 待核实.</summary>
public sealed class ReviewPagingTests(KejiApiFactory factory) : IClassFixture<KejiApiFactory>
{
    private const string Target = "hi-tech-enterprises";
    private static readonly string[] Units = ["360704", "360781", "360783"];
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task GetReviews_WhenPaged_PagesJoinToTheWholeListOldestFirstWithTheTotal()
    {
        var jumps = new List<string>();
        foreach (var unit in Units) jumps.Add(await ReviewApi.PostJumpAsync(_http, Target, unit));
        var (all, total) = await ListUntilAsync($"/api/reviews?target={Target}", list => jumps.All(j => list.Any(i => Id(i) == j)));
        Assert.Equal(all.Count, total);
        Assert.True(all.Count >= Units.Length, $"only {all.Count} listed");
        for (var i = 1; i < all.Count; i++) Assert.True(Received(all[i - 1]) <= Received(all[i]), $"{Id(all[i - 1])} listed before {Id(all[i])}");

        var paged = new List<string>();
        for (var offset = 0; offset < all.Count; offset += 2)
        {
            var (page, pageTotal) = await ListAsync($"/api/reviews?target={Target}&offset={offset}&limit=2");
            Assert.Equal(all.Count, pageTotal);
            Assert.InRange(page.Count, 1, 2);
            paged.AddRange(page.Select(Id));
        }
        Assert.Equal(all.Select(Id), paged);

        // Each row of a page is the row the whole list has, field for field.
        var (second, _) = await ListAsync($"/api/reviews?target={Target}&offset=1&limit=1");
        Assert.Equal(all[1]!.ToJsonString(), Assert.Single(second)!.ToJsonString());

        var (beyond, beyondTotal) = await ListAsync($"/api/reviews?target={Target}&offset={all.Count}&limit=50");
        Assert.Empty(beyond);
        Assert.Equal(all.Count, beyondTotal);

        // A unit filter counts that unit's only.
        var (one, oneTotal) = await ListAsync($"/api/reviews?target={Target}&unit={Units[1]}&limit=10");
        Assert.Equal(1, oneTotal);
        Assert.Equal(jumps[1], Id(Assert.Single(one)));
    }

    [Fact]
    public async Task GetReviews_WithoutPagingParameters_ListsEveryMarkedReportAsBefore()
    {
        await ReviewApi.PostJumpAsync(_http, Target, Units[0]);
        var (all, total) = await ListUntilAsync($"/api/reviews?unit={Units[0]}", list => list.Count == 1);
        Assert.Equal(1, total);
        var (everything, everythingTotal) = await ListAsync("/api/reviews");
        var (bounded, boundedTotal) = await ListAsync($"/api/reviews?offset=0&limit={1000}");
        Assert.Equal(everything.Count, everythingTotal);
        Assert.Equal(everythingTotal, boundedTotal);
        Assert.Equal(new JsonArray([.. everything.Select(i => i!.DeepClone())]).ToJsonString(), new JsonArray([.. bounded.Select(i => i!.DeepClone())]).ToJsonString());
        Assert.Contains(everything, i => Id(i) == Id(all[0]));
    }

    [Theory]
    [InlineData("offset=-1", "offset", "offset 须为不小于0的整数。")]
    [InlineData("offset=abc", "offset", "offset 须为不小于0的整数。")]
    [InlineData("offset=1.5&limit=5", "offset", "offset 须为不小于0的整数。")]
    [InlineData("limit=0", "limit", "limit 须为1–1000的整数。")]
    [InlineData("limit=1001", "limit", "limit 须为1–1000的整数。")]
    [InlineData("limit=", "limit", "limit 须为1–1000的整数。")]
    public async Task GetReviews_WhenPagingParameterIsBad_Answers400NamingItInChinese(string query, string field, string says)
    {
        using var response = await _http.GetAsync($"/api/reviews?{query}");
        var errors = await response.AssertValidationProblemAsync(field);
        Assert.Equal(says, errors[field]![0]!.GetValue<string>());
        Assert.False(response.Headers.Contains("X-Total-Count"));
    }

    private async Task<(List<JsonNode?> Items, int Total)> ListAsync(string url)
    {
        using var response = await _http.GetAsync(url);
        var json = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {json.ToJsonString()}");
        var total = int.Parse(response.Headers.GetValues("X-Total-Count").Single(), CultureInfo.InvariantCulture);
        return (json.AsArray().ToList(), total);
    }

    /// <summary>The list once <paramref name="done"/> holds (the city roll-up it reads is fed one-way); fails after 10 s.</summary>
    private async Task<(List<JsonNode?> Items, int Total)> ListUntilAsync(string url, Func<List<JsonNode?>, bool> done)
    {
        var deadline = Environment.TickCount64 + 10_000;
        while (true)
        {
            var answer = await ListAsync(url);
            if (done(answer.Items)) return answer;
            Assert.True(Environment.TickCount64 < deadline, $"GET {url} did not list the marked reports within 10 s");
            await Task.Delay(20);
        }
    }

    private static string Id(JsonNode? item) => item!["reportId"]!.GetValue<string>();

    private static DateTimeOffset Received(JsonNode? item) => DateTimeOffset.Parse(item!["receivedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
}
