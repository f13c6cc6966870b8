using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KejiLive.Api.Tests.Support;
using KejiLive.Testing;

namespace KejiLive.Api.Tests;

/// <summary>What a target page reads at national scale (2,850 units): the shortfall list pages and honours its limit,
/// each line carrying its unit's own light; the city answer bounds its shortfalls by the page's limit and counts them
/// all; the breakdown can be read worst first across every unit, one page at a time.</summary>
[Collection(ScaleCollection.Name)]
public sealed class ScaleTargetPageTests(ScaleFixture fixture)
{
    private static readonly string Target = ScalePlan.Targets[0];

    [Theory]
    [InlineData("?limit=50", 50, 0)]
    [InlineData("?limit=7&offset=3", 7, 3)]
    [InlineData("", 50, 0)]
    public async Task GetShortfalls_When2850Units_ListsAtMostLimitLargestFirstWithTheirOwnLights(string query, int limit, int offset)
    {
        var all = await fixture.Http.GetFromJsonAsync<JsonElement>($"/api/targets/{Target}/shortfalls?limit=5000");
        var total = all.GetProperty("shortfallCount").GetInt32();
        Assert.True(total > 50, $"{total} units behind: the fixture must have more than a page of them");
        Assert.Equal(total, all.GetProperty("shortfalls").GetArrayLength());

        var page = await fixture.Http.GetFromJsonAsync<JsonElement>($"/api/targets/{Target}/shortfalls{query}");
        var lines = page.GetProperty("shortfalls").EnumerateArray().ToList();
        Assert.Equal(limit, lines.Count);
        Assert.Equal(total, page.GetProperty("shortfallCount").GetInt32());
        Assert.Equal(offset, page.GetProperty("offset").GetInt32());
        Assert.Equal(ScaleFixture.Reporting, page.GetProperty("unitsReporting").GetInt32());
        // The page is that slice of the whole list (largest first).
        Assert.Equal(
            all.GetProperty("shortfalls").EnumerateArray().Skip(offset).Take(limit).Select(s => s.GetProperty("unit").GetString()),
            lines.Select(s => s.GetProperty("unit").GetString()));
        var amounts = lines.Select(s => s.GetProperty("amount").GetDouble()).ToList();
        Assert.Equal(amounts.OrderByDescending(a => a), amounts);
        // Each line's light and 较序时 are the unit's own.
        foreach (var line in lines.Take(5))
        {
            var unit = line.GetProperty("unit").GetString()!;
            var own = await fixture.Http.GetFromJsonAsync<JsonElement>($"/api/targets/{Target}/{unit}");
            Assert.Equal(own.GetProperty("light").GetString(), line.GetProperty("light").GetString());
            Assert.Equal(own.GetProperty("gapPoints").GetDouble(), line.GetProperty("gapPoints").GetDouble(), 9);
        }
    }

    [Fact]
    public async Task GetCityTarget_When2850UnitsAndLimited_ListsAtMostLimitShortfallsAndCountsThemAll()
    {
        using var response = await fixture.Http.GetAsync($"/api/targets/{Target}?offset=0&limit=50");
        var city = await response.Content.ReadFromJsonAsync<JsonElement>();
        var total = (await fixture.Http.GetFromJsonAsync<JsonElement>($"/api/targets/{Target}/shortfalls?limit=1")).GetProperty("shortfallCount").GetInt32();

        Assert.Equal(50, city.GetProperty("units").GetArrayLength());
        Assert.Equal(50, city.GetProperty("shortfalls").GetArrayLength());
        Assert.Equal(total, city.GetProperty("shortfallCount").GetInt32());
        Assert.True(total > 50);
    }

    [Fact]
    public async Task GetCityTarget_When2850UnitsOrderWorst_PagesTheWholeBreakdownWorstFirst()
    {
        var everyUnit = (await fixture.Http.GetFromJsonAsync<JsonElement>($"/api/targets/{Target}?limit=5000")).GetProperty("units").EnumerateArray().ToList();
        var expected = everyUnit.Select((u, i) => (Unit: u, Position: i))
            .OrderBy(x => LightRank(x.Unit.GetProperty("light").GetString()))
            .ThenBy(x => x.Unit.GetProperty("notReported").GetBoolean() ? 0 : 1)
            .ThenBy(x => x.Unit.GetProperty("gapPoints").GetDouble())
            .ThenBy(x => x.Position)
            .Select(x => x.Unit.GetProperty("unit").GetString())
            .ToList();

        var first = await fixture.Http.GetFromJsonAsync<JsonElement>($"/api/targets/{Target}?order=worst&limit=100");
        var second = await fixture.Http.GetFromJsonAsync<JsonElement>($"/api/targets/{Target}?order=worst&offset=100&limit=100");
        var last = await fixture.Http.GetFromJsonAsync<JsonElement>($"/api/targets/{Target}?order=worst&offset=2800&limit=100");

        Assert.Equal("worst", first.GetProperty("order").GetString());
        Assert.Equal(ScaleApiFactory.Units, first.GetProperty("unitCount").GetInt32());
        Assert.Equal(expected.Take(100), Units(first));
        Assert.Equal(expected.Skip(100).Take(100), Units(second));
        Assert.Equal(expected.Skip(2800), Units(last));
        Assert.Equal("red", first.GetProperty("units")[0].GetProperty("light").GetString());
    }

    [Theory]
    [InlineData("/shortfalls?limit=0", "limit")]
    [InlineData("/shortfalls?limit=5001", "limit")]
    [InlineData("/shortfalls?offset=-2", "offset")]
    [InlineData("?order=best", "order")]
    public async Task TargetReads_WhenParameterInvalid_AnswerProblemNamingIt(string query, string field)
    {
        using var response = await fixture.Http.GetAsync($"/api/targets/{Target}{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await response.AssertValidationProblemAsync(field);
    }

    private static IEnumerable<string?> Units(JsonElement city) => city.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("unit").GetString());

    private static int LightRank(string? light) => light switch { "red" => 0, "yellow" => 1, "green" => 2, _ => 3 };
}
