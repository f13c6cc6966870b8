using KejiLive.Domain.Progress;

namespace KejiLive.Grains.Mapping;

/// <summary>The light as text in messages and storage (green | yellow | red | grey).</summary>
public static class LightNames
{
    public static string ToName(Light light) => light switch
    {
        Light.Green => "green",
        Light.Yellow => "yellow",
        Light.Red => "red",
        _ => "grey",
    };

    public static Light Parse(string? name) => name switch
    {
        "green" => Light.Green,
        "yellow" => Light.Yellow,
        "red" => Light.Red,
        _ => Light.Grey,
    };

    /// <summary>Severity order for "worst light": red > yellow > green > grey.</summary>
    public static int Severity(string name) => name switch
    {
        "red" => 3,
        "yellow" => 2,
        "green" => 1,
        _ => 0,
    };
}
