using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Tests;

public class ArchitectureTests
{
    [Fact]
    public void DomainAssembly_ReferencesNoOrleansOrAspNetCore()
    {
        var names = typeof(PlanLoader).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
        Assert.NotEmpty(names);
        Assert.DoesNotContain(names, n => n.StartsWith("Orleans", StringComparison.OrdinalIgnoreCase)
            || n.StartsWith("Microsoft.Orleans", StringComparison.OrdinalIgnoreCase)
            || n.StartsWith("Microsoft.AspNetCore", StringComparison.OrdinalIgnoreCase));
    }
}
