namespace KejiLive.Domain.WhatIf;

/// <summary>The city's roll-up before and after the proposal, with how many counted units are red on each side.</summary>
public sealed record WhatIfCityLine(WhatIfSide Before, WhatIfSide After, int UnitsRedBefore, int UnitsRedAfter);
