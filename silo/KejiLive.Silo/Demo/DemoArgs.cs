namespace KejiLive.Silo.Demo;

/// <summary><c>--demo</c>: the newcomer's command. Replays the plan year at high speed into its own data directory, so
/// the wall, alerts and weekly packs are alive at once and a real data directory is never touched. Any of the keys it
/// sets can still be given explicitly (they win).</summary>
public static class DemoArgs
{
    public const string Switch = "--demo";

    /// <summary>Plan time at start: early March, so two months of reports are in before the first screen.</summary>
    public const string Start = "2025-03-03T09:00:00+08:00";

    /// <summary>Plan seconds per real second: a plan day in 4 s, a month in 2 minutes.</summary>
    public const string Speed = "21600";

    public static string[] Expand(string[] args)
    {
        if (!args.Contains(Switch, StringComparer.OrdinalIgnoreCase)) return args;
        var rest = args.Where(a => !string.Equals(a, Switch, StringComparison.OrdinalIgnoreCase)).ToList();
        var defaults = new Dictionary<string, string>
        {
            ["Demo:Enabled"] = "true",
            ["Data:Directory"] = "data-demo",
            ["Clock:Now"] = Start,
            ["Clock:Speed"] = Speed,
            // Anyone on this machine may look without a token; writes still need one (the start prints an admin token).
            ["Auth:OpenReadingOnLoopback"] = "true",
        };
        foreach (var (key, value) in defaults)
        {
            if (Given(rest, key)) continue;
            rest.Add($"--{key}={value}");
            // Its own directory, chosen here, starts each run afresh (DemoData); one given explicitly is kept.
            if (key == "Data:Directory" && !Given(rest, DemoData.StartAfreshKey)) rest.Add($"--{DemoData.StartAfreshKey}=true");
        }
        return [.. rest];
    }

    private static bool Given(List<string> args, string key) =>
        args.Any(a => a.StartsWith("--" + key, StringComparison.OrdinalIgnoreCase));
}
