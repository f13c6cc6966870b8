namespace KejiLive.Domain.Calendar;

/// <summary>A public holiday, from <paramref name="From"/> to <paramref name="To"/> inclusive (Shanghai calendar dates).</summary>
public sealed record HolidayPeriod(string Name, DateOnly From, DateOnly To);
