using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace KejiLive.Api.Tests.Support;

/// <summary>Small helpers over <see cref="HttpClient"/> for the KejiLive HTTP contract.</summary>
public static class KejiApi
{
    public const string ProblemJson = "application/problem+json";

    /// <summary>A report body as the contract writes it; change what a test needs.</summary>
    public static JsonObject Report(string reportId, string target, string unit, double value, string asOf = "2025-06-30", string? note = null)
    {
        var body = new JsonObject
        {
            ["reportId"] = reportId,
            ["target"] = target,
            ["unit"] = unit,
            ["asOf"] = asOf,
            ["value"] = value,
        };
        if (note is not null) body["note"] = note;
        return body;
    }

    /// <summary>A unique reportId, readable in failures.</summary>
    public static string NewId(string hint) => $"{hint}-{Guid.NewGuid():N}";

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string body, string contentType = "application/json") =>
        client.PostAsync("/api/reports", new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue(contentType)));

    public static Task<HttpResponseMessage> PostReportAsync(this HttpClient client, JsonNode body) =>
        client.PostRawAsync(body.ToJsonString());

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonNode.Parse(text) ?? throw new InvalidOperationException("null JSON");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode} answered with a body that is not JSON: {text}", e);
        }
    }

    /// <summary>GET that must answer 200 with JSON.</summary>
    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var json = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {json.ToJsonString()}");
        return json;
    }

    /// <summary>GET (200, JSON) repeated until <paramref name="done"/> holds, for views fed one-way after a report (the
    /// city roll-up, a unit's scorecard): a silo sends judgements that arrive within 50 ms of each other together
    /// (<c>JudgementPublisher</c>), so a view may trail the 201 by that much. Fails with the last answer after 10 s.</summary>
    public static async Task<JsonNode> GetJsonUntilAsync(this HttpClient client, string url, Func<JsonNode, bool> done)
    {
        var deadline = Environment.TickCount64 + 10_000;
        while (true)
        {
            var json = await client.GetJsonAsync(url);
            if (done(json)) return json;
            Assert.True(Environment.TickCount64 < deadline, $"GET {url} did not reach the expected state within 10 s; last answer: {json.ToJsonString()}");
            await Task.Delay(20);
        }
    }

    /// <summary>Asserts the status, application/problem+json, and returns the problem document.</summary>
    public static async Task<JsonObject> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        return problem;
    }

    /// <summary>Asserts a 400 problem+json whose <c>errors</c> dictionary names <paramref name="field"/>; returns the errors.</summary>
    public static async Task<JsonObject> AssertValidationProblemAsync(this HttpResponseMessage response, string field)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem["errors"]?.AsObject();
        Assert.True(errors is not null, $"no errors dictionary in {problem.ToJsonString()}");
        Assert.True(errors.ContainsKey(field), $"errors do not name '{field}': {errors.ToJsonString()}");
        var messages = errors[field]!.AsArray();
        Assert.NotEmpty(messages);
        Assert.All(messages, m => Assert.False(string.IsNullOrWhiteSpace(m!.GetValue<string>())));
        return errors;
    }

    /// <summary>The target × unit as <c>GET /api/targets/{target}/{unit}</c> shows it.</summary>
    public static Task<JsonNode> GetTargetUnitAsync(this HttpClient client, string target, string unit) =>
        client.GetJsonAsync($"/api/targets/{target}/{unit}");

    public static int HistoryCount(this JsonNode detail) => detail["history"]!.AsArray().Count;

    public static double Num(this JsonNode node, string name) => node[name]!.GetValue<double>();
}
