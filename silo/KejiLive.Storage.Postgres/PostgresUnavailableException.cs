namespace KejiLive.Storage.Postgres;

/// <summary>
/// PostgreSQL could not be used at start: the server did not answer at its host and port, refused the login, or has
/// no such database. The message names the server (<c>host:port/database</c>, never the password) and the cause, in one
/// line an operator can act on.
/// </summary>
public sealed class PostgresUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
