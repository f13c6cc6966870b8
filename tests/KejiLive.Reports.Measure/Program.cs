using System.Diagnostics;
using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Weekly;
using KejiLive.Reports;
using KejiLive.Reports.Measure;

// Usage: dotnet run -c Release --project tests/KejiLive.Reports.Measure -- [week=2025-W27] [outDir=/tmp/keji-pack]
var week = IsoWeek.TryParse(args.Length > 0 ? args[0] : "2025-W27", out var w) ? w : throw new ArgumentException("week: yyyy-Www");
var outDir = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "keji-pack");
var plan = PlanLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "plans", "ganzhou-2025.json"));
var now = ShanghaiTime.StartOf(week.Sunday.AddDays(1)).AddHours(8);
var histories = SampleHistory.Reports(plan, week.Sunday);
Console.WriteLine($"plan {plan.Id}: {plan.Targets.Length} targets, {plan.Targets.Sum(t => t.Assignments.Length)} target × unit, " +
    $"{histories.Values.Sum(h => h.Count)} reports; week {week}");

var t0 = Stopwatch.GetTimestamp();
var renderer = new WeeklyPackRenderer();
var fontMs = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
var draft = WeeklyPackBuilder.Build(plan, histories, [], week, now);
var alerts = SampleHistory.Alerts(plan, draft);
if (Environment.GetEnvironmentVariable("KEJI_PROFILE") == "1") { Profile.Run(draft); return; }

for (var run = 1; run <= 3; run++)
{
    var start = Stopwatch.GetTimestamp();
    var pack = WeeklyPackBuilder.Build(plan, histories, alerts, week, now);
    var built = Stopwatch.GetElapsedTime(start);
    var rendered = renderer.Render(pack, 1, name => $"charts/{name}.png");
    var total = Stopwatch.GetElapsedTime(start);
    Console.WriteLine($"run {run}: build {built.TotalMilliseconds:0} ms, render {(total - built).TotalMilliseconds:0} ms, total {total.TotalMilliseconds:0} ms; " +
        $"{rendered.Charts.Count} charts ({rendered.Charts.Values.Sum(c => c.Length) / 1024} KiB), html {rendered.Html.Length / 1024} KiB, xlsx {rendered.Xlsx.Length / 1024} KiB; " +
        $"{pack.Watch.Length} red/yellow, {pack.NotReported.Length} units 未报送");
    if (run == 1)
    {
        Directory.CreateDirectory(Path.Combine(outDir, "charts"));
        File.WriteAllText(Path.Combine(outDir, "pack.html"), rendered.Html);
        File.WriteAllBytes(Path.Combine(outDir, "pack.xlsx"), rendered.Xlsx);
        foreach (var (name, png) in rendered.Charts) File.WriteAllBytes(Path.Combine(outDir, "charts", name + ".png"), png);
    }
}
Console.WriteLine($"font check {fontMs:0} ms; files in {outDir}");
