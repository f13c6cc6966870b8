using System.Diagnostics;
using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Weekly;
using KejiLive.Reports;
using KejiLive.Reports.Measure;
using KejiLive.Testing;

// Usage: dotnet run -c Release --project tests/KejiLive.Reports.Measure -- [2025-W27] [outDir] [units=N] [runs=3]
// Without units: the shipped plan (20 units). With units=N: the generated plan of N county units × 16 main targets that
// the scale benchmark uses (issue 13), every yellow or red pair with a 督办.
var positional = args.Where(a => !a.Contains('=', StringComparison.Ordinal)).ToArray();
var named = args.Where(a => a.Contains('=', StringComparison.Ordinal)).Select(a => a.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
var week = IsoWeek.TryParse(positional.Length > 0 ? positional[0] : "2025-W27", out var w) ? w : throw new ArgumentException("week: yyyy-Www");
var outDir = positional.Length > 1 ? positional[1] : Path.Combine(Path.GetTempPath(), "keji-pack");
var units = named.TryGetValue("units", out var u) ? int.Parse(u, System.Globalization.CultureInfo.InvariantCulture) : 0;
var runs = named.TryGetValue("runs", out var r) ? int.Parse(r, System.Globalization.CultureInfo.InvariantCulture) : 3;
var plan = units > 0
    ? PlanLoader.Parse(ScalePlan.Json(units, targets: 16), "scale.json")
    : PlanLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "plans", "ganzhou-2025.json"));
var now = ShanghaiTime.StartOf(week.Sunday.AddDays(1)).AddHours(8);
var histories = SampleHistory.Reports(plan, week.Sunday);
Console.WriteLine($"plan {plan.Id}: {plan.Units.Length} units, {plan.Targets.Length} targets, {plan.Targets.Sum(t => t.Assignments.Length)} target × unit, " +
    $"{histories.Values.Sum(h => h.Count)} reports; week {week}");

var t0 = Stopwatch.GetTimestamp();
var renderer = new WeeklyPackRenderer();
var fontMs = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
var draft = WeeklyPackBuilder.Build(plan, histories, [], week, now);
var alerts = SampleHistory.Alerts(plan, draft, units > 0 ? int.MaxValue : 12);
if (Environment.GetEnvironmentVariable("KEJI_PROFILE") == "1") { Profile.Run(draft); return; }

for (var run = 1; run <= runs; run++)
{
    var allocated = GC.GetTotalAllocatedBytes();
    var start = Stopwatch.GetTimestamp();
    var pack = WeeklyPackBuilder.Build(plan, histories, alerts, week, now);
    var built = Stopwatch.GetElapsedTime(start);
    var rendered = renderer.Render(pack, 1, name => $"charts/{name}.png");
    var total = Stopwatch.GetElapsedTime(start);
    Console.WriteLine($"run {run}: build {built.TotalMilliseconds:0} ms, render {(total - built).TotalMilliseconds:0} ms, total {total.TotalMilliseconds:0} ms; " +
        $"{rendered.Charts.Count} charts ({rendered.Charts.Values.Sum(c => c.Length) / 1024} KiB), html {rendered.Html.Length / 1024} KiB, xlsx {rendered.Xlsx.Length / 1024} KiB; " +
        $"{pack.Watch.Length} red/yellow, {pack.AlertsOpened.Length} 督办 opened, {pack.NotReported.Length} units 未报送; " +
        $"{(GC.GetTotalAllocatedBytes() - allocated) / (1024 * 1024)} MiB allocated, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");
    if (run == 1)
    {
        Directory.CreateDirectory(Path.Combine(outDir, "charts"));
        File.WriteAllText(Path.Combine(outDir, "pack.html"), rendered.Html);
        File.WriteAllBytes(Path.Combine(outDir, "pack.xlsx"), rendered.Xlsx);
        foreach (var (name, png) in rendered.Charts) File.WriteAllBytes(Path.Combine(outDir, "charts", name + ".png"), png);
    }
}
Console.WriteLine($"font check {fontMs:0} ms; files in {outDir}");
