namespace KejiLive.Storage.Postgres;

/// <summary>
/// The "empty" state Orleans providers hand out for a missing or cleared record: <c>new T()</c> when
/// <typeparamref name="T"/> has a public parameterless constructor (or is a value type), otherwise <c>default</c>.
/// The same rule as the SQLite storage.
/// </summary>
internal static class DefaultState<T>
{
    private static readonly Func<T>? Factory =
        typeof(T).IsValueType || typeof(T).GetConstructor(Type.EmptyTypes) is not null
            ? Activator.CreateInstance<T>
            : null;

    /// <summary>True when a fresh instance can be made without arguments.</summary>
    public static bool CanCreate => Factory is not null;

    public static T CreateOrDefault() => Factory is null ? default! : Factory();
}
