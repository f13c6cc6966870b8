namespace KejiLive.Grains;

/// <summary>Work a host needs done in the silo before its first judging sweep starts (run by the start-up task of
/// <see cref="GrainsExtensions.AddKejiGrains"/>, in registration order). The demo sends the reports already due on its
/// first day here, so the first judgement sees them instead of opening a 未报送 督办 for every unit that closes a moment
/// later.</summary>
public interface IBeforeFirstJudgement
{
    Task RunAsync(CancellationToken cancellationToken);
}
