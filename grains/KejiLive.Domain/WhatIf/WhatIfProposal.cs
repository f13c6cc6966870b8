using System.Collections.Immutable;

namespace KejiLive.Domain.WhatIf;

/// <summary>A proposed reallocation of one target's annual split (调剂方案): <see cref="From"/> gives up
/// <see cref="Amount"/> of its annual target (null: its current 差额 as the city roll-up lists it, whole items rounded up),
/// shared among <see cref="To"/>. A proposal is only ever computed, never applied to the plan.</summary>
/// <param name="ChangesCityTotal">False (the default): a reallocation, so what the receivers take must add up to what the
/// source gives and the city total stays. True: the proposal explicitly changes the city total (a cut or a raise).</param>
public sealed record WhatIfProposal(string From, double? Amount, ImmutableArray<WhatIfMove> To, bool ChangesCityTotal = false);
