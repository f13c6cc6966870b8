using System.Net;
using System.Text.Json.Nodes;
using KejiLive.Api.Tests.Support;

namespace KejiLive.Api.Tests;

/// <summary>City roll-ups and unit scorecards. tech-smes and rd-intensity are used by these tests only, so the other
/// units' figures are known (nothing reported).</summary>
[Collection(ApiCollection.Name)]
public sealed class RollUpTests(KejiApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task GetCityTarget_AfterReportsFromTwoUnits_SumsThemSkipsTheOverlayAndOrdersShortfalls()
    {
        await PostCreatedAsync(KejiApi.Report(KejiApi.NewId("c1"), "tech-smes", "360702", 100));
        await PostCreatedAsync(KejiApi.Report(KejiApi.NewId("c2"), "tech-smes", "360703", 50));
        await PostCreatedAsync(KejiApi.Report(KejiApi.NewId("c3"), "tech-smes", "gxq", 40)); // inside 赣县区: shown, never summed

        // Three units reported: the roll-up shows all of them once their judgements reached it.
        // (The overlay's judgement may reach the view in a later batch than the two units'.)
        var snapshot = await _client.GetJsonUntilAsync("/api/targets/tech-smes", s => s["city"]!["actual"]?.GetValue<double>() >= 150
            && s["units"]!.AsArray().Any(u => u!["unit"]!.GetValue<string>() == "gxq" && u["actual"]?.GetValue<double>() >= 40));

        var city = snapshot["city"]!;
        Assert.Equal("tech-smes", city["target"]!.GetValue<string>());
        Assert.Equal(2000, city.Num("annualTarget"));
        Assert.Equal(150, city.Num("actual"));
        Assert.Equal(150.0 / 2000, city.Num("completionRate"), 9);
        Assert.True(snapshot["sampleSplit"]!.GetValue<bool>());

        var units = snapshot["units"]!.AsArray().ToDictionary(u => u!["unit"]!.GetValue<string>(), u => u!);
        Assert.Equal(21, units.Count);
        Assert.Equal(100, units["360702"].Num("actual"));
        Assert.Equal(50, units["360703"].Num("actual"));
        Assert.Equal(40, units["gxq"].Num("actual"));
        Assert.All(units.Where(u => u.Key is not ("360702" or "360703" or "gxq")), u => Assert.Equal(0, u.Value.Num("actual")));
        var counted = units.Where(u => u.Key != "gxq").Select(u => u.Value).ToList();
        Assert.Equal(counted.Sum(u => u.Num("expected")), city.Num("expected"), 6);
        Assert.Equal(2, snapshot["unitsReporting"]!.GetValue<int>());

        var shortfalls = snapshot["shortfalls"]!.AsArray().Select(s => (Unit: s!["unit"]!.GetValue<string>(), Amount: s.Num("amount"), Share: s.Num("share"))).ToList();
        Assert.NotEmpty(shortfalls);
        Assert.DoesNotContain(shortfalls, s => s.Unit == "gxq");
        Assert.Equal(shortfalls.OrderByDescending(s => s.Amount).Select(s => s.Unit), shortfalls.Select(s => s.Unit));
        // 家 are owed whole, as each unit's light reads them (CityLight.Owed): the whole items due, or where one item is
        // within the yellow tolerance, the expected value less the half under way; the 差额 is the whole 家 that make it up.
        Assert.All(shortfalls, s => Assert.True(OwedReading(s.Amount, units[s.Unit].Num("expected"), units[s.Unit].Num("actual")), $"{s.Unit}: {s.Amount}"));
        Assert.Equal(1.0, shortfalls.Sum(s => s.Share), 6);
        var wholeBehind = counted.Where(u => Math.Floor(u.Num("expected") + 1e-9) - u.Num("actual") >= 1).Select(u => u["unit"]!.GetValue<string>());
        Assert.All(wholeBehind, u => Assert.Contains(u, shortfalls.Select(s => s.Unit)));
        Assert.All(shortfalls, s => Assert.True(units[s.Unit].Num("expected") > units[s.Unit].Num("actual")));
    }

    private static bool OwedReading(double amount, double expected, double actual) =>
        Math.Abs(amount - (Math.Floor(expected + 1e-9) - actual)) < 1e-6 || Math.Abs(amount - Math.Ceiling(expected - 0.5 - actual - 1e-9)) < 1e-6;

    [Fact]
    public async Task GetCityTarget_WhenRatioTarget_DividesSummedNumeratorsBySummedDenominators()
    {
        await PostCreatedAsync(Ratio("rd-intensity", "360702", numerator: 3, denominator: 100));   // 3 %
        await PostCreatedAsync(Ratio("rd-intensity", "360703", numerator: 1, denominator: 400));   // 0.25 %

        var city = (await _client.GetJsonUntilAsync("/api/targets/rd-intensity", s => s["city"]!["denominator"]?.GetValue<double>() >= 500))["city"]!;

        var expected = (3.0 + 1.0) / (100.0 + 400.0) * 100; // 0.8 %
        var meanOfRatios = (3.0 + 0.25) / 2;                // 1.625 %: what an average would wrongly give
        Assert.NotEqual(meanOfRatios, expected, 3);
        Assert.Equal(expected, city.Num("actual"), 9);
        Assert.Equal(4, city.Num("numerator"), 9);
        Assert.Equal(500, city.Num("denominator"), 9);
        Assert.Equal(2.0, city.Num("annualTarget"));
        Assert.Equal(expected / 2.0, city.Num("completionRate"), 9);

        var unit = await _client.GetTargetUnitAsync("rd-intensity", "360703");
        Assert.Equal(0.25, unit.Num("actual"), 9);
        var entry = Assert.Single(unit["history"]!.AsArray())!;
        Assert.Equal(1, entry.Num("numerator"));
        Assert.Equal(400, entry.Num("denominator"));

        // Its 差额 line: the amount is the numerator it misses at its denominator (what orders the list); a page shows how
        // far its own ratio is below its target, in the target's measure (percentage points), not that amount as a "%".
        var lines = (await _client.GetJsonAsync("/api/targets/rd-intensity/shortfalls?limit=1000"))["shortfalls"]!.AsArray();
        var line = lines.Single(l => l!["unit"]!.GetValue<string>() == "360703")!;
        var annual = unit.Num("annualTarget");
        Assert.Equal((annual * 400 / 100) - 1, line.Num("amount"), 9);
        Assert.Equal(annual - 0.25, line.Num("ratioShort"), 9);
        Assert.All(lines, l => Assert.NotNull(l!["ratioShort"]));
    }

    [Fact]
    public async Task GetUnit_AfterAReport_ScorecardListsEveryTargetTheUnitHolds()
    {
        await PostCreatedAsync(KejiApi.Report(KejiApi.NewId("card"), "talent-teams", "360730", 4));
        var plan = await _client.GetJsonAsync("/api/plan");
        var held = plan["targets"]!.AsArray()
            .Where(t => t!["split"]!.AsArray().Any(s => s!["unit"]!.GetValue<string>() == "360730"))
            .Select(t => t!["id"]!.GetValue<string>())
            .ToList();

        var card = await _client.GetJsonUntilAsync("/api/units/360730", c => c["targets"]!.AsArray()
            .Any(t => t!["target"]!.GetValue<string>() == "talent-teams" && t["actual"]?.GetValue<double>() == 4));

        Assert.Equal("360730", card["unit"]!.GetValue<string>());
        Assert.True(card["sampleSplit"]!.GetValue<bool>());
        Assert.Contains(card["worstLight"]!.GetValue<string>(), new[] { "green", "yellow", "red", "grey" });
        var targets = card["targets"]!.AsArray();
        Assert.Equal(held, targets.Select(t => t!["target"]!.GetValue<string>()));
        Assert.All(targets, t => Assert.Equal("360730", t!["unit"]!.GetValue<string>()));
        var talent = targets.Single(t => t!["target"]!.GetValue<string>() == "talent-teams")!;
        Assert.Equal(4, talent.Num("actual"));
        Assert.Equal("2025-06-30", talent["reportedAsOf"]!.GetValue<string>());
    }

    private static JsonObject Ratio(string target, string unit, double numerator, double denominator)
    {
        var body = KejiApi.Report(KejiApi.NewId("ratio"), target, unit, numerator / denominator * 100);
        body["numerator"] = numerator;
        body["denominator"] = denominator;
        return body;
    }

    private async Task PostCreatedAsync(JsonObject body)
    {
        using var response = await _client.PostReportAsync(body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
