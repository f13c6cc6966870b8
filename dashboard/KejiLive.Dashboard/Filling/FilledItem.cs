namespace KejiLive.Dashboard.Filling;

/// <summary>A filled row of the 清单 sheet.</summary>
/// <param name="Row">Spreadsheet row number.</param>
/// <param name="Cell">The cell naming the item (its 名称 cell), e.g. <c>清单!C4</c>.</param>
public sealed record FilledItem(int Row, string TargetId, string Name, string? RegistrationNumber, string Cell);
