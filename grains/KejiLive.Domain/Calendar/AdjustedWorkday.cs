namespace KejiLive.Domain.Calendar;

/// <summary>A weekend day made a working day (调休), e.g. 春节调休 on Sunday 2025-01-26.</summary>
public sealed record AdjustedWorkday(string Name, DateOnly Date);
