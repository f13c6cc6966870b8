using KejiLive.Dashboard.Hosting;

namespace KejiLive.Api.Tests;

/// <summary>Which failures of a grain call mean "the cluster cannot serve this for a moment" (answered 503 + Retry-After
/// by <see cref="ClusterUnavailableHandler"/>) and which stay errors (500). The handler's answer during a real failover
/// is asserted by <see cref="ClusterTests"/>.</summary>
public sealed class ClusterUnavailableTests
{
    public static TheoryData<Exception, bool> Cases => new()
    {
        { new SiloUnavailableException("silo S127.0.0.1:11111:1 is dead"), true },
        { Uninitialized<OrleansMessageRejectionException>(), true },
        { new GatewayTooBusyException(), true },
        { Uninitialized<ClientNotAvailableException>(), true },
        { new TimeoutException("Response did not arrive on time in 00:00:30"), true },
        { new InvalidOperationException("wrapped", new SiloUnavailableException()), true },
        { new AggregateException(Uninitialized<OrleansMessageRejectionException>()), true },
        { new AggregateException(new InvalidOperationException("a"), new SiloUnavailableException()), false },
        { new InvalidOperationException("a bug"), false },
        { new OrleansException("some other runtime failure"), false },
        { new ArgumentException("bad input"), false },
    };

    /// <summary>Orleans creates these itself (their constructors are internal); only their type matters here.</summary>
    private static T Uninitialized<T>() where T : Exception =>
        (T)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(typeof(T));

    [Theory]
    [MemberData(nameof(Cases))]
    public void IsUnavailable_TellsFailoverFromFaults(Exception exception, bool expected) =>
        Assert.Equal(expected, ClusterUnavailableHandler.IsUnavailable(exception));
}
