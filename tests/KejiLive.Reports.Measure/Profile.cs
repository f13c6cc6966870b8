using System.Diagnostics;
using KejiLive.Domain.Weekly;

namespace KejiLive.Reports.Measure;

internal static class Profile
{
    public static void Run(WeeklyPack pack)
    {
        var s = pack.Charts[0];
        for (var i = 0; i < 3; i++) ProgressChart.Render(s);
        var t = Stopwatch.GetTimestamp();
        for (var i = 0; i < 10; i++) ProgressChart.Render(s);
        Console.WriteLine($"progress chart: {Stopwatch.GetElapsedTime(t).TotalMilliseconds / 10:0.0} ms");
        var plt = new ScottPlot.Plot();
        plt.Add.Signal(new double[] { 1, 2, 3 });
        t = Stopwatch.GetTimestamp();
        for (var i = 0; i < 10; i++) plt.GetImageBytes(900, 420, ScottPlot.ImageFormat.Png);
        Console.WriteLine($"bare plot png: {Stopwatch.GetElapsedTime(t).TotalMilliseconds / 10:0.0} ms");
        t = Stopwatch.GetTimestamp();
        for (var i = 0; i < 10; i++) plt.GetImageBytes(900, 420, ScottPlot.ImageFormat.Bmp);
        Console.WriteLine($"bare plot bmp: {Stopwatch.GetElapsedTime(t).TotalMilliseconds / 10:0.0} ms");
        plt.Title("赣州市 · 新认定高新技术企业");
        t = Stopwatch.GetTimestamp();
        for (var i = 0; i < 10; i++) plt.GetImageBytes(900, 420, ScottPlot.ImageFormat.Png);
        Console.WriteLine($"plot+title png: {Stopwatch.GetElapsedTime(t).TotalMilliseconds / 10:0.0} ms");
    }
}
