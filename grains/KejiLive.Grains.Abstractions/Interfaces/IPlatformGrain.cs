using KejiLive.Grains.Abstractions.Messages;

namespace KejiLive.Grains.Abstractions.Interfaces;

/// <summary>A milestone target — a named platform, pilot base or key measure (key: target id): its milestones and
/// which are done, due or overdue, from its owner's reports.</summary>
public interface IPlatformGrain : IGrainWithStringKey
{
    Task<PlatformSnapshot> GetAsync();
}
