using System.Net;
using System.Text.Json.Nodes;

namespace KejiLive.Api.Tests.Support;

/// <summary>What the 确认 and 退回 tests share: a history with a jump the data-quality rule marks 待核实, and the review list
/// read until it settles.</summary>
public static class ReviewApi
{
    /// <summary>Posts a history and a jump for <paramref name="target"/> × <paramref name="unit"/> with fresh ids (the same
    /// dates each time: the newest report of a date replaces the older); returns the jump's reportId.</summary>
    public static async Task<string> PostJumpAsync(HttpClient http, string target, string unit)
    {
        var jump = KejiApi.NewId("jump");
        var batch = new JsonArray(
            KejiApi.Report(KejiApi.NewId("mar"), target, unit, 2, "2025-03-31"),
            KejiApi.Report(KejiApi.NewId("may"), target, unit, 4, "2025-05-31"),
            KejiApi.Report(jump, target, unit, 12, "2025-06-30"));
        using var response = await http.PostReportAsync(batch);
        Assert.True(response.StatusCode is HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return jump;
    }

    /// <summary>The review list for a unit, once its length satisfies <paramref name="done"/> (the city roll-up the list
    /// reads is updated one-way, so it may lag the report by a moment); after 10 s, whatever it is.</summary>
    public static async Task<JsonArray> ListAsync(HttpClient http, string target, string unit, Func<int, bool> done)
    {
        var deadline = Environment.TickCount64 + 10_000;
        while (true)
        {
            var list = (await http.GetJsonAsync($"/api/reviews?unit={unit}&target={target}")).AsArray();
            if (done(list.Count) || Environment.TickCount64 > deadline) return list;
            await Task.Delay(20);
        }
    }
}
