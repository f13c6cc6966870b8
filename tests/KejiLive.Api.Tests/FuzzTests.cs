using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using KejiLive.Api.Tests.Filling;
using KejiLive.Api.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace KejiLive.Api.Tests;

/// <summary>
/// Hostile input against every write route: seeded random bytes, random JSON of any shape and depth, and valid bodies
/// with exactly one field made invalid, sent as admin so every body reaches its handler. Every answer must be below 500,
/// a 4xx must be problem+json without internals, no request may change anything (targets and histories, alerts,
/// silences, tokens, weekly packs, item lists, the audit), and the app must still be healthy afterwards. The route list
/// comes from the running app: a write route without a generator here fails <see cref="EveryWriteRoute_HasAFuzzGenerator"/>.
/// Runs on fixed seeds; set KEJI_FUZZ_SEED to try another or replay one; failures print the seed and the request.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class FuzzTests(KejiApiFactory factory, ITestOutputHelper output)
{
    /// <summary>Units whose targets the generators name (reports, uploads, confirmations); their state is compared.</summary>
    internal static readonly string[] Units = ["360730", "360731", "360732"];

    internal const string UploadUnit = "360732";

    /// <summary>Hub endpoints speak the SignalR protocol, not JSON bodies; the hub tests cover them.</summary>
    private static readonly string[] HubPatterns = ["/hubs/live", "/hubs/live/negotiate"];

    private static readonly string[] LeakMarkers =
        ["   at ", "Exception", "SqliteException", ".cs:line", "/work/", "/tmp/", "/root/", "System.", "Microsoft.", "Orleans."];

    /// <summary>How many requests each route gets. Uploads and batches cost the most; generation is only ever asked for
    /// weeks that must be refused, so it stays cheap.</summary>
    private static readonly Dictionary<string, int> Budget = new()
    {
        ["POST /api/reports"] = 1800,
        ["POST /api/alerts/{id}/ack"] = 400,
        ["POST /api/alerts/{id}/close"] = 400,
        ["POST /api/alerts/{id}/reopen"] = 200,
        ["POST /api/silences"] = 250,
        ["DELETE /api/silences/{id}"] = 100,
        ["POST /api/tokens"] = 250,
        ["DELETE /api/tokens/{id}"] = 100,
        ["POST /api/session"] = 150,
        ["DELETE /api/session"] = 50,
        ["POST /api/reports/weekly/{week}/generate"] = 150,
        ["POST /api/targets/{target}/{unit}/reports/{reportId}/confirm"] = 200,
        ["POST /api/targets/{target}/{unit}/reports/{reportId}/reject"] = 200,
        ["POST /api/units/{unit}/upload"] = 300,
        ["POST /api/targets/{target}/whatif"] = 150,
        ["POST /api/targets/{target}/whatif.xlsx"] = 50,
        ["POST /api/targets/{target}/whatif.md"] = 50,
    };

    [Fact]
    public void EveryWriteRoute_HasAFuzzGenerator()
    {
        var writes = WriteRoutes(factory);

        Assert.True(writes.SetEquals(Budget.Keys),
            $"write routes without a generator: {string.Join(", ", writes.Except(Budget.Keys).Order())}; generators without a route: {string.Join(", ", Budget.Keys.Except(writes).Order())}");
    }

    /// <summary>Fixed seeds, so a CI run is reproducible (13359509 once found an unpaired surrogate in a note answering
    /// 500); KEJI_FUZZ_SEED explores another (any integer).</summary>
    [Theory]
    [InlineData(20251128)]
    [InlineData(13359509)]
    public async Task HostileBodies_OnEveryWriteRoute_NeverFailTheServer_NorChangeState(int fixedSeed)
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("KEJI_FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : fixedSeed;
        output.WriteLine($"fuzz seed {seed} (replay: KEJI_FUZZ_SEED={seed})");
        using var client = factory.CreateClient();
        var world = await World.ReadAsync(client);
        output.WriteLine($"aiming at {world.Pairs.Count} target × unit pairs, {world.AlertIds.Count} alerts, {world.Reports.Count} reports, {world.SilenceIds.Count} silences, {world.TokenIds.Count} tokens");
        // A fresh app is still opening its start-up 督办 (one-way from the first judgement): start from a state that holds
        // still, two reads half a second apart, so what changes later is the fuzz's doing.
        var before = await Snapshot.TakeAsync(client, world);
        var settled = false;
        for (var attempt = 0; attempt < 20 && !settled; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            var again = await Snapshot.TakeAsync(client, world);
            settled = again.Parts.All(p => before.Parts[p.Key] == p.Value);
            if (!settled)
            {
                var moving = string.Join(", ", again.Parts.Where(p => before.Parts[p.Key] != p.Value).Select(p => p.Key));
                output.WriteLine($"not settled yet (attempt {attempt + 1}): {moving}");
            }
            before = again;
        }
        // Without a state that holds still, a later difference could be anyone's: refuse to judge rather than pass or
        // fail by chance.
        Assert.True(settled, $"seed {seed}: the app's state kept changing for 10 s before the fuzz began; no comparison is possible");
        var generators = new Generators(new Random(seed), world);

        var failures = new List<string>();
        var counts = new Dictionary<string, int>();
        var statuses = new SortedDictionary<int, int>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // Interleaved, so a route's requests meet the state the others left (there should be none).
        var plan = Budget.SelectMany(b => Enumerable.Repeat(b.Key, b.Value)).OrderBy(_ => generators.Random.Next()).ToList();
        foreach (var route in plan)
        {
            var request = generators.For(route);
            using var message = request.ToMessage();
            using var response = await client.SendAsync(message);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            counts[route] = counts.GetValueOrDefault(route) + 1;
            if (await Judge(route, response) is { } fault && failures.Count < 25)
            {
                failures.Add($"seed {seed}, {route}: {fault}\n    request: {request}");
            }
        }
        clock.Stop();

        output.WriteLine($"{plan.Count} requests in {clock.Elapsed.TotalSeconds:0.0} s; statuses: {string.Join(", ", statuses.Select(p => $"{p.Key}×{p.Value}"))}");
        foreach (var (route, n) in counts.OrderBy(c => c.Key, StringComparer.Ordinal)) output.WriteLine($"  {n,5}  {route}");
        Assert.True(failures.Count == 0, $"{failures.Count} fault(s) (first 25):\n" + string.Join("\n", failures));

        using var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var after = await Snapshot.TakeAsync(client, world);
        foreach (var (what, text) in before.Parts)
        {
            var at = text.Zip(after.Parts[what]).TakeWhile(p => p.First == p.Second).Count();
            Assert.True(after.Parts[what] == text,
                $"seed {seed}: {what} changed at char {at}\n  before: …{Cut(text[Math.Max(0, at - 200)..], 800)}\n  after:  …{Cut(after.Parts[what][Math.Max(0, at - 200)..], 800)}");
        }
    }

    // Regressions for what the fuzz found (each answered 500 before the fix).

    [Theory]
    [InlineData("/api/alerts/no-such-target.360730.behind.2025-01-02/close", "{}")]
    [InlineData("/api/alerts/no-such-target.360730.behind.2025-01-02/ack", "{\"note\":\"整改\",\"promisedBy\":\"2025-09-30\"}")]
    [InlineData("/api/alerts/talent-teams.nowhere.behind.2025-01-02/close", "{}")]
    [InlineData("/api/alerts/a%2Fb.360730.behind.2025-01-02/close", "{}")]
    public async Task AlertCommand_ForAnIdNamingNoPlanTargetOrUnit_Answers404NamingTheId(string path, string body)
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("id", problem["field"]!.GetValue<string>());
    }

    /// <summary><c>"\ud800"</c> is valid JSON but not text: every string field reading it answers 400 naming the field.</summary>
    [Theory]
    [InlineData("/api/alerts/no-such-target.360730.behind.2025-01-02/close", "{\"note\":\"\\ud800\"}", "note")]
    [InlineData("/api/alerts/talent-teams.360730.behind.2025-01-02/ack", "{\"note\":\"\\udfff\",\"promisedBy\":\"2025-09-30\"}", "note")]
    [InlineData("/api/silences", "{\"reason\":\"\\ud800x\",\"from\":\"2025-12-01T00:00:00+08:00\",\"until\":\"2025-12-02T00:00:00+08:00\"}", "reason")]
    [InlineData("/api/tokens", "{\"name\":\"\\ud800\",\"role\":\"viewer\"}", "name")]
    [InlineData("/api/reports", "{\"reportId\":\"r\\ud800\",\"target\":\"talent-teams\",\"unit\":\"360730\",\"asOf\":\"2025-06-30\",\"value\":1}", "reportId")]
    [InlineData("/api/reports", "{\"reportId\":\"r-surrogate-date\",\"target\":\"talent-teams\",\"unit\":\"360730\",\"asOf\":\"2025-06-3\\ud800\",\"value\":1}", "asOf")]
    [InlineData("/api/targets/talent-teams/360730/reports/none/confirm", "{\"note\":\"\\ud800\"}", "note")]
    public async Task StringField_WithAnUnpairedSurrogate_Answers400NamingIt(string path, string body, string field)
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        await response.AssertValidationProblemAsync(field);
    }

    [Fact]
    public async Task Upload_FormWithACutPartHeader_Answers400NamingTheFile()
    {
        using var client = factory.CreateClient();
        var form = "--cut\r\nContent-Type: " + Workbook.XlsxType + "\r\nContent-Disposition: form-data; name=file; filename=360732.xlsx; filename*";
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(form));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=cut");

        using var response = await client.PostAsync($"/api/units/{UploadUnit}/upload", content);

        await response.AssertValidationProblemAsync("file");
    }

    [Fact]
    public async Task Upload_CellWithALoneSurrogate_Answers400NamingTheCell()
    {
        using var client = factory.CreateClient();
        var book = await Workbook.DownloadAsync(client, UploadUnit);

        using var response = await Workbook.UploadAsync(client, UploadUnit, book.Fill("talent-teams", "\ud800").Save());

        await response.AssertValidationProblemAsync($"填报!G{book.RowNumber("talent-teams")}");
    }

    /// <summary>Every mapped route other than GET, as "METHOD pattern" (routes answering any method count as GET).</summary>
    internal static HashSet<string> WriteRoutes(KejiApiFactory factory) =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !HubPatterns.Contains(e.RoutePattern.RawText))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Where(r => !r.StartsWith("GET ", StringComparison.Ordinal) && !r.StartsWith("HEAD ", StringComparison.Ordinal))
            .ToHashSet();

    /// <summary>Null when the answer is acceptable; else what is wrong with it.</summary>
    private static async Task<string?> Judge(string route, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        if (status >= 500) return $"answered {status}: {Cut(text, 600)}";
        // Signing out is the one write that may succeed: it only clears the caller's cookie.
        if (status < 400) return route == "DELETE /api/session" ? null : $"accepted a body that must be invalid ({status}): {Cut(text, 600)}";
        if (response.Content.Headers.ContentType?.MediaType != KejiApi.ProblemJson)
        {
            return $"answered {status} as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}, not problem+json: {Cut(text, 300)}";
        }
        try
        {
            using var problem = JsonDocument.Parse(text);
            if (!problem.RootElement.TryGetProperty("status", out var s) || s.GetInt32() != status) return $"problem status does not match {status}: {Cut(text, 300)}";
        }
        catch (JsonException)
        {
            return $"answered {status} with a body that is not JSON: {Cut(text, 300)}";
        }
        return LeakMarkers.FirstOrDefault(m => text.Contains(m, StringComparison.Ordinal)) is { } leak
            ? $"answered {status} with internals ('{leak}'): {Cut(text, 600)}"
            : null;
    }

    internal static string Cut(string text, int max) => text.Length <= max ? text : text[..max] + $"…（{text.Length} chars）";
}
