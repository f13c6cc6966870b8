using System.Net;
using System.Text.Json;
using KejiLive.Api.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace KejiLive.Api.Tests;

/// <summary>The read side's paging and wall shape on the shipped 20-unit plan: nothing changes for it by default (every
/// unit listed, the whole ranking on the wall), and the paging parameters are checked like any other input.</summary>
[Collection(ApiCollection.Name)]
public sealed class PagingTests(KejiApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("", 20, 0, "360702")]
    [InlineData("?offset=18&limit=5", 2, 18, "jkq")]
    [InlineData("?offset=0&limit=1", 1, 0, "360702")]
    [InlineData("?offset=25", 0, 20, null)]
    public async Task GetCityTarget_WhenPaged_ListsThatPageAndTheTotal(string query, int listed, int offset, string? first)
    {
        var snapshot = await _client.GetJsonAsync($"/api/targets/talent-teams{query}");
        var units = snapshot["units"]!.AsArray();
        Assert.Equal(listed, units.Count);
        Assert.Equal(20, snapshot["unitCount"]!.GetValue<int>());
        Assert.Equal(offset, snapshot["offset"]!.GetValue<int>());
        if (first is not null) Assert.Equal(first, units[0]!["unit"]!.GetValue<string>());
        Assert.Equal(200, snapshot["city"]!.Num("annualTarget"));
    }

    [Theory]
    [InlineData("?offset=-1", "offset")]
    [InlineData("?offset=x", "offset")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=5001", "limit")]
    [InlineData("?limit=1.5", "limit")]
    public async Task GetCityTarget_WhenPagingParameterInvalid_AnswersProblemNamingIt(string query, string field)
    {
        using var response = await _client.GetAsync($"/api/targets/talent-teams{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await response.AssertValidationProblemAsync(field);
    }

    [Fact]
    public async Task GetShortfalls_When20Units_ListsEveryUnitBehindWithItsLight()
    {
        var page = await _client.GetJsonAsync("/api/targets/talent-teams/shortfalls");
        var lines = page["shortfalls"]!.AsArray();
        Assert.Equal(page["shortfallCount"]!.GetValue<int>(), lines.Count);
        Assert.InRange(lines.Count, 0, 20);
        Assert.Equal(0, page["offset"]!.GetValue<int>());
        var amounts = lines.Select(l => l!.Num("amount")).ToList();
        Assert.Equal(amounts.OrderByDescending(a => a), amounts);
        Assert.All(lines, l => Assert.Contains(l!["light"]!.GetValue<string>(), new[] { "green", "yellow", "red", "grey" }));
    }

    [Fact]
    public async Task WatchWall_When20Units_CarriesEveryUnitAndTheWholeRanking()
    {
        await using var hub = AdminHub.Build(factory);
        await hub.StartAsync();

        var wall = await hub.InvokeAsync<JsonElement>("WatchWall");

        Assert.True(wall.GetProperty("allUnits").GetBoolean());
        Assert.Equal(KejiApiFactory.Units.Length, wall.GetProperty("units").GetArrayLength());
        var counts = wall.GetProperty("counts");
        Assert.Equal(20, counts.GetProperty("units").GetInt32());
        Assert.Equal(counts.GetProperty("rankedUnits").GetInt32(), wall.GetProperty("ranking").GetArrayLength());
        Assert.Equal(wall.GetProperty("alerts").GetArrayLength(), wall.GetProperty("alertCount").GetInt32());
    }

    [Fact]
    public async Task GetPlan_WhenClientAcceptsGzip_ServedCompressed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/plan");
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
    }
}
