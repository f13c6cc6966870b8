using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using KejiLive.Api.Tests.Support;

namespace KejiLive.Api.Tests;

/// <summary>待核实 through the HTTP contract, on pairs no other test reports on: hi-tech-enterprises × 章贡区 (360702, 21 家)
/// and × 南康区 (360703, 17 家). The plan expects nothing before the September batch; a history of 2 by 31 March and 4 by
/// 31 May rises about 1 a month, so 12 by 30 June (+8) is past both 3 × that pace and a quarter of the target.</summary>
[Collection(ApiCollection.Name)]
public sealed class ReviewTests(KejiApiFactory factory)
{
    private const string Target = "hi-tech-enterprises";
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task Confirm_WhenReportAwaitsReview_ClearsTheMarkAndLeavesTheList()
    {
        var jump = await PostJumpAsync("360702");
        var before = await _http.GetJsonAsync($"/api/targets/{Target}/360702");
        Assert.Equal((true, 1, "待核实"), (before["pendingReview"]!.GetValue<bool>(), before["pendingReviews"]!.GetValue<int>(), before["history"]![2]!["quality"]!.GetValue<string>()));
        var listed = await ListAsync("360702", n => n == 1);
        Assert.Equal((jump, "章贡区", true), (listed[0]!["reportId"]!.GetValue<string>(), listed[0]!["unitName"]!.GetValue<string>(), listed[0]!["latest"]!.GetValue<bool>()));
        Assert.Equal($"/api/targets/{Target}/360702/reports/{jump}/confirm", listed[0]!["confirm"]!.GetValue<string>());

        using var response = await _http.PostAsync($"/api/targets/{Target}/360702/reports/{jump}/confirm", Json("""{ "note": "已核实：6月认定 8 家" }"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await response.ReadJsonAsync();
        var report = after["history"]![2]!;
        Assert.Equal((false, 0, "已核实", false, "已核实：6月认定 8 家"),
            (after["pendingReview"]!.GetValue<bool>(), after["pendingReviews"]!.GetValue<int>(), report["quality"]!.GetValue<string>(),
             report["pendingReview"]!.GetValue<bool>(), report["reviewNote"]!.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(report["reviewedBy"]!.GetValue<string>()));
        Assert.Empty(await ListAsync("360702", n => n == 0));

        // confirming again changes nothing and answers the same state
        using var again = await _http.PostAsync($"/api/targets/{Target}/360702/reports/{jump}/confirm", null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("已核实：6月认定 8 家", (await again.ReadJsonAsync())["history"]![2]!["reviewNote"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/api/targets/no-such/360703/reports/x/confirm", null, HttpStatusCode.NotFound, "target")]
    [InlineData("/api/targets/talent-teams/999999/reports/x/confirm", null, HttpStatusCode.NotFound, "unit")]
    [InlineData("/api/targets/pilot-bases/360702/reports/x/confirm", null, HttpStatusCode.NotFound, "unit")]
    [InlineData("/api/targets/hi-tech-enterprises/360703/reports/no-such-report/confirm", null, HttpStatusCode.NotFound, "reportId")]
    [InlineData("/api/targets/hi-tech-enterprises/360703/reports/{first}/confirm", null, HttpStatusCode.BadRequest, "reportId")] // never marked
    [InlineData("/api/targets/hi-tech-enterprises/360703/reports/{jump}/confirm", """{ "note": 5 }""", HttpStatusCode.BadRequest, "note")]
    [InlineData("/api/targets/hi-tech-enterprises/360703/reports/{jump}/confirm", """[]""", HttpStatusCode.BadRequest, "$")]
    [InlineData("/api/targets/hi-tech-enterprises/360703/reports/{jump}/confirm", """{ "note": """, HttpStatusCode.BadRequest, "$")]
    public async Task Confirm_WhenRequestIsWrong_AnswersProblemNamingTheFieldAndChangesNothing(string url, string? body, HttpStatusCode status, string field)
    {
        var jump = await PostJumpAsync("360703");
        var first = (await _http.GetJsonAsync($"/api/targets/{Target}/360703"))["history"]![0]!["reportId"]!.GetValue<string>();

        using var response = await _http.PostAsync(url.Replace("{jump}", jump, StringComparison.Ordinal).Replace("{first}", first, StringComparison.Ordinal),
            body is null ? null : Json(body));

        if (status == HttpStatusCode.NotFound)
        {
            var problem = await response.AssertProblemAsync(status);
            Assert.Equal(field, problem["field"]!.GetValue<string>());
        }
        else
        {
            await response.AssertValidationProblemAsync(field);
        }
        var state = await _http.GetJsonAsync($"/api/targets/{Target}/360703");
        Assert.True(state["pendingReview"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("?unit=999999", "unit")]
    [InlineData("?target=no-such", "target")]
    public async Task List_WhenFilterIsUnknown_Answers400NamingIt(string query, string field)
    {
        using var response = await _http.GetAsync("/api/reviews" + query);
        await response.AssertValidationProblemAsync(field);
    }

    private Task<string> PostJumpAsync(string unit) => ReviewApi.PostJumpAsync(_http, Target, unit);

    private Task<JsonArray> ListAsync(string unit, Func<int, bool> done) => ReviewApi.ListAsync(_http, Target, unit, done);

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
