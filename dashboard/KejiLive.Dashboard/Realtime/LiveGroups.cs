namespace KejiLive.Dashboard.Realtime;

/// <summary>SignalR group names, built here and nowhere else. A client joins only what it shows.</summary>
public static class LiveGroups
{
    public const string Wall = "wall";

    public static string Unit(string unitId) => "unit:" + unitId;

    public static string Target(string targetId) => "target:" + targetId;
}
