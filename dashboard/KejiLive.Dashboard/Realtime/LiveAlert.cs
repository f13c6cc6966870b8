namespace KejiLive.Dashboard.Realtime;

/// <summary>An open 督办 as the ticker shows it. Alerts arrive with the alerting issue; until then the lists are empty.</summary>
public sealed record LiveAlert(string Unit, string Target, double GapPoints, DateTimeOffset OpenedAt, int DaysOpen, string State);
