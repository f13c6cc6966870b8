namespace KejiLive.Dashboard.Filling;

/// <summary>A sheet as read, before any meaning is given to it: <see cref="Rows"/>[i] is spreadsheet row i + 1, a map
/// from column letter (A, B, …) to the cell's value (string, double, bool, DateTime, or null when empty).</summary>
public sealed record RawSheet(string Name, IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows);
