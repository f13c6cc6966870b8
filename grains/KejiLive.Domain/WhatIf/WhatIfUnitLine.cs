namespace KejiLive.Domain.WhatIf;

/// <summary>A unit the proposal touches: its change of annual target (negative for the source) and its state before
/// and after, judged by the same rules at the same instant.</summary>
public sealed record WhatIfUnitLine(string UnitId, double Change, WhatIfSide Before, WhatIfSide After);
