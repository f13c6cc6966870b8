using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using KejiLive.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace KejiLive.Browser.Tests.Support;

/// <summary>One Chromium for the whole collection, and one real silo process (web side co-hosted) on free loopback ports
/// with a fresh data directory and the plan clock pinned to <see cref="ClockNow"/>. Tests that stop a server or need a
/// second web node start their own processes with <see cref="StartSilo"/>.</summary>
public sealed class KejiSite : IAsyncLifetime
{
    public const string ClockNow = "2025-10-15T09:00:00+08:00";

    /// <summary>A report date inside the plan year and before <see cref="ClockNow"/>.</summary>
    public const string AsOf = "2025-10-14";

    public static readonly TimeSpan HealthDeadline = TimeSpan.FromSeconds(60);

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private readonly List<string> _dataDirectories = [];

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The shared silo.</summary>
    public KejiProcess Silo { get; private set; } = null!;

    /// <summary>HTTP client of the shared silo (base address set).</summary>
    public HttpClient Api { get; private set; } = null!;

    /// <summary>Where screenshots go: <c>artifacts/screenshots</c> under the test output folder.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        Silo = StartSilo(NewDataDirectory(), SiloPorts.Reserve());
        var launch = LaunchBrowserAsync();
        await Silo.WaitHealthyAsync(HealthDeadline);
        Api = ApiClient(Silo);
        await SeedAsync(Api);
        await launch;
    }

    private async Task LaunchBrowserAsync()
    {
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public string NewDataDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "keji-browser-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        lock (_dataDirectories) _dataDirectories.Add(path);
        return path;
    }

    public static KejiProcess StartSilo(string dataDirectory, SiloPorts ports) => KejiProcess.StartSilo(dataDirectory, ports, ClockNow);

    public static HttpClient ApiClient(KejiProcess process) => process.CreateClient(timeout: TimeSpan.FromSeconds(10));

    /// <summary>A silo of its own over a generated plan of <paramref name="units"/> county units
    /// (<see cref="ScalePlan"/>, written to <paramref name="dataDirectory"/>), healthy. No holiday file beside the plan:
    /// weekdays only.</summary>
    public static async Task<KejiProcess> StartGeneratedSiloAsync(string dataDirectory, int units, int targets = 2)
    {
        Directory.CreateDirectory(dataDirectory);
        var planFile = Path.Combine(dataDirectory, "generated-2025.json");
        await File.WriteAllTextAsync(planFile, ScalePlan.Json(units, targets: targets));
        var silo = KejiProcess.StartSilo(dataDirectory, SiloPorts.Reserve(), ClockNow, $"--Plan:File={planFile}");
        try
        {
            await silo.WaitHealthyAsync(HealthDeadline);
            return silo;
        }
        catch
        {
            silo.Dispose();
            throw;
        }
    }

    /// <summary>A fresh browser context (own cookies, storage) with a page of the given size that records what a test
    /// may want to assert on: dialogs (dismissed), uncaught page errors, console errors and requested URLs.
    /// Signed in at the shared silo (its session cookie; <see cref="BrowserPage.OpenLiveAsync"/> signs in again at another
    /// process, whose sessions are its own) with <paramref name="sessionToken"/>, the admin token by default; null for a
    /// browser that has not signed in.</summary>
    public async Task<BrowserPage> NewPageAsync(int width = 1920, int height = 1080, string? sessionToken = KejiProcess.AdminToken)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
        var page = await context.NewPageAsync();
        var browserPage = new BrowserPage(context, page, sessionToken);
        if (sessionToken is not null) await browserPage.SignInAsync(Silo.BaseAddress);
        return browserPage;
    }

    /// <summary>Some reports so the wall shows lights, ranking and 数据截至 as in use: for each main count target,
    /// 60–100 % of the share due by the end of September from the first units of its split, nothing from the rest.</summary>
    private static async Task SeedAsync(HttpClient api)
    {
        var plan = await api.GetJsonAsync("/api/plan");
        var reports = new JsonArray();
        var factors = new[] { 1.0, 0.9, 0.8, 0.6, 0.35, 0.2 };
        foreach (var target in plan["targets"]!.AsArray())
        {
            if (target!["group"]?.GetValue<string>() != "main" || target["kind"]?.GetValue<string>() != "count") continue;
            var id = target["id"]!.GetValue<string>();
            var split = target["split"]?.AsArray() ?? [];
            for (var i = 0; i < split.Count && i < factors.Length; i++)
            {
                var unit = split[i]!["unit"]!.GetValue<string>();
                var share = split[i]!["target"]!.GetValue<double>();
                var value = Math.Floor(share * 0.75 * factors[i]);
                if (value <= 0) continue;
                reports.Add(Reports.Body($"seed-{id}-{unit}", id, unit, value, "2025-09-30", "示例：9月底累计"));
            }
        }
        using var response = await api.PostAsync("/api/reports", new StringContent(reports.ToJsonString(), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Seeding {reports.Count} reports answered {(int)response.StatusCode}: {text}");
        await SeedSettledAsync(api, reports);
    }

    /// <summary>Waits (bounded) until the seeded figures are in the views the tests compare pages with: every seeded
    /// target's city roll-up and every seeded unit's scorecard. They hear of a report by one-way, batched messages after
    /// the 201, and a test reading one of them once, straight after the fixture started, must not read it half-seeded.</summary>
    private static async Task SeedSettledAsync(HttpClient api, JsonArray reports)
    {
        var seeded = reports.Select(r => (Target: r!["target"]!.GetValue<string>(), Unit: r["unit"]!.GetValue<string>(), Value: r["value"]!.GetValue<double>())).ToList();
        var deadline = Environment.TickCount64 + (long)HealthDeadline.TotalMilliseconds;
        foreach (var target in seeded.GroupBy(s => s.Target))
        {
            await UntilAsync(api, $"/api/targets/{target.Key}", t => t["city"]!["reportCount"]!.GetValue<int>() >= target.Count(), deadline);
        }
        foreach (var unit in seeded.GroupBy(s => s.Unit))
        {
            await UntilAsync(api, $"/api/units/{unit.Key}", c => unit.All(s => c["targets"]!.AsArray()
                .Any(t => t!["target"]!.GetValue<string>() == s.Target && t["actual"]?.GetValue<double>() == s.Value)), deadline);
        }
    }

    private static async Task UntilAsync(HttpClient api, string path, Func<JsonNode, bool> done, long deadline)
    {
        while (true)
        {
            var json = await api.GetJsonAsync(path);
            if (done(json)) return;
            if (Environment.TickCount64 > deadline) throw new TimeoutException($"GET {path} did not show the seeded reports in time; last answer: {json.ToJsonString()}");
            await Task.Delay(50);
        }
    }

    /// <summary>Writes a measurement to the test output and to <c>artifacts/measurements.txt</c>.</summary>
    public static void Record(ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        lock (ScreenshotDirectory)
        {
            File.AppendAllText(Path.Combine(AppContext.BaseDirectory, "artifacts", "measurements.txt"),
                $"{DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss} {line}\n");
        }
    }

    /// <summary>Saves a screenshot under <see cref="ScreenshotDirectory"/> and returns its full path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name, ITestOutputHelper output, bool fullPage = false)
    {
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.EvaluateAsync("() => document.fonts.ready");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        output.WriteLine($"screenshot: {path}");
        return path;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        Api?.Dispose();
        Silo?.Dispose();
        lock (_dataDirectories)
        {
            foreach (var d in _dataDirectories) TryDelete(d);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finishing process: leave the temp directory to the OS.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<KejiSite>
{
    public const string Name = "browser";
}

/// <summary>A page in its own browser context, with what it did recorded.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _dialogs = [];
    private readonly List<string> _pageErrors = [];
    private readonly List<string> _consoleErrors = [];
    private readonly List<string> _requests = [];

    private readonly string? _token;
    private Uri? _signedInAt;

    public BrowserPage(IBrowserContext context, IPage page, string? token = null)
    {
        _context = context;
        _token = token;
        Page = page;
        page.Dialog += (_, dialog) =>
        {
            lock (_dialogs) _dialogs.Add($"{dialog.Type}: {dialog.Message}");
            _ = dialog.DismissAsync();
        };
        page.PageError += (_, error) => { lock (_pageErrors) _pageErrors.Add(error); };
        page.Console += (_, message) => { if (message.Type == "error") lock (_consoleErrors) _consoleErrors.Add(message.Text); };
        page.Request += (_, request) => { lock (_requests) _requests.Add(request.Url); };
    }

    public IPage Page { get; }

    public IReadOnlyList<string> Dialogs { get { lock (_dialogs) return [.. _dialogs]; } }

    public IReadOnlyList<string> PageErrors { get { lock (_pageErrors) return [.. _pageErrors]; } }

    public IReadOnlyList<string> ConsoleErrors { get { lock (_consoleErrors) return [.. _consoleErrors]; } }

    public IReadOnlyList<string> Requests { get { lock (_requests) return [.. _requests]; } }

    /// <summary>Opens <paramref name="path"/> and waits (bounded) until the page's hub connection is up.</summary>
    public async Task OpenLiveAsync(Uri site, string path, float timeoutMs = 20_000)
    {
        if (_token is not null && site != _signedInAt) await SignInAsync(site);
        await Page.GotoAsync(new Uri(site, path).ToString());
        await WaitConnectedAsync(timeoutMs);
    }

    /// <summary>Signs in at <paramref name="site"/> as the login page does (<c>POST /api/session</c>, through the
    /// context's own request API, so the session cookie lands in this browser context).</summary>
    public async Task SignInAsync(Uri site)
    {
        // Cookies are per host, not per port: the other process's session cookie would make this POST a cookie-only,
        // cross-origin write, which is refused. The new session replaces it.
        await _context.ClearCookiesAsync();
        var response = await _context.APIRequest.PostAsync(new Uri(site, "/api/session").ToString(),
            new APIRequestContextOptions { DataObject = new { token = _token } });
        if (!response.Ok) throw new InvalidOperationException($"sign-in at {site} answered {response.Status}: {await response.TextAsync()}");
        _signedInAt = site;
    }

    public Task WaitConnectedAsync(float timeoutMs) =>
        Page.Locator("#conn[data-state=connected]").WaitForAsync(new LocatorWaitForOptions { Timeout = timeoutMs });

    /// <summary>What happened on the page, for failure messages.</summary>
    public string Describe() =>
        $"url {Page.Url}\ndialogs: {string.Join(" | ", Dialogs)}\npage errors: {string.Join(" | ", PageErrors)}\nconsole errors: {string.Join(" | ", ConsoleErrors)}";

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}

/// <summary>Report bodies and JSON calls of the HTTP contract.</summary>
public static class Reports
{
    public static JsonObject Body(string reportId, string target, string unit, double value, string asOf = KejiSite.AsOf, string? note = null)
    {
        var body = new JsonObject { ["reportId"] = reportId, ["target"] = target, ["unit"] = unit, ["asOf"] = asOf, ["value"] = value };
        if (note is not null) body["note"] = note;
        return body;
    }

    /// <summary>A ratio's report: its value in % with the numerator and denominator it comes from.</summary>
    public static JsonObject RatioBody(string reportId, string target, string unit, double numerator, double denominator, string asOf, string? note = null)
    {
        var body = Body(reportId, target, unit, numerator / denominator * 100, asOf, note);
        body["numerator"] = numerator;
        body["denominator"] = denominator;
        return body;
    }

    public static string NewId(string hint) => $"{hint}-{Guid.NewGuid():N}";

    /// <summary>POSTs a report and requires 201 Created.</summary>
    public static async Task PostCreatedAsync(this HttpClient api, JsonNode body)
    {
        using var response = await api.PostAsync("/api/reports", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST /api/reports {body.ToJsonString()} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public static async Task<JsonNode> GetJsonAsync(this HttpClient api, string path)
    {
        using var response = await api.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>The city total of a target (<c>GET /api/targets/{target}</c> → city.actual).</summary>
    public static async Task<double> CityActualAsync(this HttpClient api, string target) =>
        (await api.GetJsonAsync($"/api/targets/{target}"))["city"]!["actual"]!.GetValue<double>();

    /// <summary>A unit's cumulative value for a target (0 before its first report).</summary>
    public static async Task<double> UnitActualAsync(this HttpClient api, string target, string unit) =>
        (await api.GetJsonAsync($"/api/targets/{target}/{unit}"))["actual"]?.GetValue<double>() ?? 0;

    public static double Elapsed(this Stopwatch clock) => clock.Elapsed.TotalMilliseconds;
}
