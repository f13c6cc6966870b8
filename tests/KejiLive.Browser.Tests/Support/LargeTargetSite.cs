using System.Text;
using System.Text.Json.Nodes;
using KejiLive.Testing;

namespace KejiLive.Browser.Tests.Support;

/// <summary>A silo of its own with a generated plan of <see cref="Units"/> county units and three targets
/// (<see cref="ScalePlan"/>) — more units than a target page lists at once — and reports made so that:
/// every unit reports the first target (<see cref="RedUnits"/> at 0: red, more of them than a page holds; the rest on
/// plan); <see cref="TileUnits"/> are red on two targets (one of them resting on a 待核实 drop) and yellow on the third,
/// the wall's laggards; <see cref="WholeItemUnit"/> owes 1 item of the second target and has done 0: far behind in
/// points, green in whole items (nothing is due yet).</summary>
public sealed class LargeTargetSite : IAsyncLifetime
{
    public const int Units = 300;

    /// <summary>The plan's share of the year due by 30 September (linear curve).</summary>
    private static readonly double DueShare = new DateOnly(2025, 9, 30).DayOfYear / 365.0;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "keji-large-target-" + Guid.NewGuid().ToString("N"));

    public KejiProcess Silo { get; private set; } = null!;

    public HttpClient Api { get; private set; } = null!;

    public List<string> TileUnits { get; } = [];

    public List<string> RedUnits { get; } = [];

    public string WholeItemUnit { get; private set; } = "";

    public static string T0 => ScalePlan.TargetId(0);

    public static string T1 => ScalePlan.TargetId(1);

    public static string T2 => ScalePlan.TargetId(2);

    public async Task InitializeAsync()
    {
        Silo = await KejiSite.StartGeneratedSiloAsync(_directory, Units, targets: 3);
        Api = KejiSite.ApiClient(Silo);

        var shares = new int[3][];
        for (var t = 0; t < 3; t++) shares[t] = [0, .. Enumerable.Range(1, Units).Select(i => ScalePlan.Share(Units, t, i))];
        int Due(int t, int i) => (int)Math.Floor((DueShare * shares[t][i]) + 1e-9);
        var early = new JsonArray();
        var late = new JsonArray();
        void Report(JsonArray batch, int t, int i, double value, string asOf = "2025-09-30") =>
            batch.Add(Reports.Body($"large-{t}-{i}-{asOf}", ScalePlan.TargetId(t), ScalePlan.Unit(i), value, asOf));

        for (var i = 1; i <= Units; i++)
        {
            // Yellow on the third target: 10–30 points behind in whole items (no item rule below 4, no half items above 10).
            var a2 = shares[2][i];
            var yellow = (int)Math.Floor(Due(2, i) - (0.1 * a2) - 1e-9);
            var tile = TileUnits.Count < 6 && i % 3 != 0 && Enumerable.Range(0, 3).All(t => shares[t][i] is >= 4 and <= 10)
                && yellow >= 0 && (yellow - Due(2, i)) * 100.0 / a2 > -29;
            if (tile)
            {
                TileUnits.Add(ScalePlan.Unit(i));
                // On plan at the end of June, then corrected to 0 at the end of September: a drop the city office must confirm (待核实).
                Report(early, 0, i, Math.Floor(0.4959 * shares[0][i]), "2025-06-30");
                Report(late, 0, i, 0);
                late[^1]!["correction"] = true;
                Report(late, 1, i, 0);
                Report(late, 2, i, yellow);
                continue;
            }
            if (i % 3 == 0 && shares[0][i] >= 4)
            {
                RedUnits.Add(ScalePlan.Unit(i));
                Report(late, 0, i, 0);
                Report(late, 1, i, Due(1, i));
                Report(late, 2, i, Due(2, i));
                continue;
            }
            Report(late, 0, i, Due(0, i) + 1);
            if (WholeItemUnit == "" && shares[1][i] == 1)
            {
                WholeItemUnit = ScalePlan.Unit(i);
                Report(late, 1, i, 0);
            }
        }
        await PostAsync(early);
        await PostAsync(late);
        await SettledAsync();
    }

    private async Task PostAsync(JsonArray reports)
    {
        for (var from = 0; from < reports.Count; from += 200)
        {
            var batch = new JsonArray([.. reports.Skip(from).Take(200).Select(r => r!.DeepClone())]);
            using var posted = await Api.PostAsync("/api/reports", new StringContent(batch.ToJsonString(), Encoding.UTF8, "application/json"));
            if (!posted.IsSuccessStatusCode) throw new InvalidOperationException($"POST /api/reports answered {(int)posted.StatusCode}: {await posted.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Waits (bounded) until the city views hold every report: all units reporting the first target, the
    /// 待核实 drops counted, and the ranking holding every unit that reported.</summary>
    private async Task SettledAsync()
    {
        var deadline = Environment.TickCount64 + 60_000;
        while (true)
        {
            var city = await Api.GetJsonAsync($"/api/targets/{T0}?limit=1");
            var third = await Api.GetJsonAsync($"/api/targets/{T2}?limit=1");
            var ranking = await Api.GetJsonAsync("/api/ranking");
            if (city["unitsReporting"]!.GetValue<int>() == Units
                && city["city"]!["pendingReviews"]!.GetValue<int>() == TileUnits.Count
                && third["unitsReporting"]!.GetValue<int>() == TileUnits.Count + RedUnits.Count
                && ranking["units"]!.AsArray().Count >= Units - 10)
            {
                return;
            }
            if (Environment.TickCount64 > deadline) throw new TimeoutException($"The views did not settle in 60 s: {city["unitsReporting"]} reporting, {ranking["units"]!.AsArray().Count} ranked.");
            await Task.Delay(200);
        }
    }

    public Task DisposeAsync()
    {
        Api?.Dispose();
        Silo?.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }
}
