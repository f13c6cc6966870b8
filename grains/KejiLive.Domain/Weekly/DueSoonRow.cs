namespace KejiLive.Domain.Weekly;

/// <summary>A target × unit 临期 at the week's cut-off (<see cref="Progress.DueSoon"/>): its next item or milestone node not
/// done falls due soon. The dispatch meeting sees what falls due before the next meetings, not only what is already late.</summary>
/// <param name="Due">The due date of the item or node.</param>
/// <param name="DaysLeft">Days from the cut-off's date to <paramref name="Due"/>.</param>
/// <param name="Text">The sentence the pages show ("临期：第1项期限12月31日，还剩10天，已完成0项（共1项）。").</param>
public sealed record DueSoonRow(string UnitId, string UnitName, string TargetId, string TargetName, DateOnly Due, int DaysLeft, string Text);
