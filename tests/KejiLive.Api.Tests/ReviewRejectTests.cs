using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using KejiLive.Api.Tests.Support;

namespace KejiLive.Api.Tests;

/// <summary>退回 of a 待核实 report through the HTTP contract, on pairs no other test reports on: hi-tech-enterprises ×
/// 兴国县 (360732), × 会昌县 (360733) and × 寻乌县 (360734). The history rises about 1 a month; the June figure jumps past the rule's
/// allowance (see <see cref="ReviewTests"/>), so it is marked 待核实.</summary>
[Collection(ApiCollection.Name)]
public sealed class ReviewRejectTests(KejiApiFactory factory)
{
    private const string Target = "hi-tech-enterprises";
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task Reject_WithAReason_KeepsTheReportMarkedSentBack_StopsCountingIt_AndItLeavesTheList()
    {
        var jump = await PostJumpAsync("360732");
        var before = await _http.GetTargetUnitAsync(Target, "360732");
        Assert.Equal((true, 12.0), (before["pendingReview"]!.GetValue<bool>(), before.Num("actual")));

        using var response = await _http.PostAsync(Url("360732", jump), Json("""{ "reason": "与统计台账不符，请核对后重报" }"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await response.ReadJsonAsync();
        var report = after["history"]![2]!;
        Assert.Equal((false, 0, 4.0), (after["pendingReview"]!.GetValue<bool>(), after["pendingReviews"]!.GetValue<int>(), after.Num("actual")));
        Assert.Equal(("已退回", true, false, "与统计台账不符，请核对后重报", KejiApiFactory.AdminName),
            (report["quality"]!.GetValue<string>(), report["rejected"]!.GetValue<bool>(), report["pendingReview"]!.GetValue<bool>(),
             report["reviewNote"]!.GetValue<string>(), report["reviewedBy"]!.GetValue<string>()));
        Assert.Equal(3, after.HistoryCount());
        Assert.Empty(await ListAsync("360732", n => n == 0));
        var audit = await SecurityApi.AuditAsync(_http, "?action=review.reject");
        Assert.Contains(audit, e => e!["subject"]?.GetValue<string>() == $"{Target}/360732/{jump}");

        // Sending it back again changes nothing and answers the same state.
        using var again = await _http.PostAsync(Url("360732", jump), Json("""{ "reason": "再次退回" }"""));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("与统计台账不符，请核对后重报", (await again.ReadJsonAsync())["history"]![2]!["reviewNote"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{ }""", "reason")]
    [InlineData("""{ "reason": "   " }""", "reason")]
    [InlineData("""{ "reason": 5 }""", "reason")]
    [InlineData("""[]""", "$")]
    [InlineData("""{ "reason": """, "$")]
    public async Task Reject_WhenTheReasonIsMissingOrWrong_Answers400NamingItAndChangesNothing(string body, string field)
    {
        var jump = await PostJumpAsync("360733");

        using var response = await _http.PostAsync(Url("360733", jump), Json(body));

        var errors = await response.AssertValidationProblemAsync(field);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", errors[field]![0]!.GetValue<string>());
        var state = await _http.GetTargetUnitAsync(Target, "360733");
        Assert.True(state["pendingReview"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Reject_WhenTheReportWasConfirmed_Answers400AndKeepsCountingIt()
    {
        var jump = await PostJumpAsync("360733");
        using (var confirmed = await _http.PostAsync($"/api/targets/{Target}/360733/reports/{jump}/confirm", null))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        using var response = await _http.PostAsync(Url("360733", jump), Json("""{ "reason": "改主意了" }"""));

        await response.AssertValidationProblemAsync("reportId");
        var state = await _http.GetTargetUnitAsync(Target, "360733");
        Assert.Equal(12.0, state.Num("actual"));
    }

    [Fact]
    public async Task Reject_ByTheUnitItself_Answers403()
    {
        // rjxq: BadInputTests reports hi-tech-enterprises × 360734, and the shared app keeps both tests' reports.
        var jump = await PostJumpAsync("rjxq");
        var token = await SecurityApi.CreateTokenAsync(_http, "unit", "rjxq");
        using var unit = factory.CreateClient();
        unit.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await unit.PostAsync(Url("rjxq", jump), Json("""{ "reason": "自己退回" }"""));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    private static string Url(string unit, string reportId) => $"/api/targets/{Target}/{unit}/reports/{reportId}/reject";

    private Task<string> PostJumpAsync(string unit) => ReviewApi.PostJumpAsync(_http, Target, unit);

    private Task<JsonArray> ListAsync(string unit, Func<int, bool> done) => ReviewApi.ListAsync(_http, Target, unit, done);

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
