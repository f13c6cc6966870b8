using KejiLive.Domain.Weekly;

namespace KejiLive.Grains.Reports;

/// <summary>The site-relative links of a week's pack, built in one place (the dashboard maps the same routes).</summary>
public static class WeeklyPackPaths
{
    public static string Html(IsoWeek week) => $"/reports/{week}";

    public static string Xlsx(IsoWeek week) => $"/api/reports/weekly/{week}.xlsx";

    public static string Chart(IsoWeek week, string name) => $"/api/reports/weekly/{week}/charts/{name}.png";
}
