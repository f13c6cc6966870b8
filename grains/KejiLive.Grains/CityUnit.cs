namespace KejiLive.Grains;

/// <summary>The id under which a city-wide roll-up is shown (the city office's unit id in the plan).</summary>
public static class CityUnit
{
    public const string Id = "city";
}
